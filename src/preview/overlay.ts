/**
 * The page the preview shows instead of the site while the content has an error: every
 * problem with its file:line:col, rule and reason. Built as hast and serialised, so the
 * messages (which quote the author's text) are escaped.
 */
import {h} from 'hastscript';
import {toHtml} from 'hast-util-to-html';
import type {Root} from 'hast';
import type {VFile} from 'vfile';
import {codeFrame, sourceOf, toJson, type JsonMessage} from '../report.js';
import {liveScriptPath} from './live-script.js';

// Fixed styles: the overlay must read well without the site's stylesheet, which may be
// the thing that is broken.
const style = `
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#1b1b1f;color:#f4f4f5}
.opsg-overlay{max-width:60rem;margin:2rem auto;padding:1.5rem 2rem;background:#2a1215;border:2px solid #e5484d;border-radius:.5rem}
.opsg-overlay h1{margin-top:0;font-size:1.4rem;color:#ff9592}
.opsg-overlay ol{padding-left:1.2rem}
.opsg-overlay li{margin:.6rem 0}
.opsg-overlay code{font:14px/1.4 ui-monospace,monospace;color:#ffd1d1}
.opsg-overlay .rule{color:#b4b4bb}
.opsg-overlay .warning code{color:#ffe29a}
.opsg-overlay pre.frame{margin:.3rem 0 0;padding:.4rem .6rem;background:#1b1b1f;font:13px/1.4 ui-monospace,monospace;color:#e4e4e7;overflow-x:auto}
`;

/** Only errors and warnings: information (such as “left out”) does not explain a failure. */
export function overlayMessages(files: VFile[]): JsonMessage[] {
  return toJson(files, true).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** `file:line:col`, or the file alone when the message has no place. */
export function placeText(message: JsonMessage): string {
  return message.line === null ? message.file : `${message.file}:${message.line}:${message.column ?? 1}`;
}

function frameKey(file: string, line: number | null, column: number | null, reason: string): string {
  return `${file}\0${line}\0${column}\0${reason}`;
}

/** The overlay page, as HTML. */
export function overlayPage(files: VFile[]): string {
  const messages = overlayMessages(files);
  // The offending line under each message, as the text report shows it.
  const frames = new Map<string, string>();
  for (const file of files) {
    const source = file.messages.length > 0 ? sourceOf(file) : undefined;
    if (source === undefined) continue;
    for (const message of file.messages) {
      const frame = codeFrame(source, message.line, message.column);
      if (frame) frames.set(frameKey(file.path, message.line ?? null, message.column ?? null, message.reason), frame);
    }
  }
  const errors = messages.filter((message) => message.severity === 'error').length;
  const title = `${errors} ${errors === 1 ? 'problem stops' : 'problems stop'} the site from building`;
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: 'en-GB'}, [
        h('head', [
          h('meta', {charset: 'utf-8'}),
          h('meta', {name: 'robots', content: 'noindex'}),
          h('title', `opsg preview: ${title}`),
          h('style', style),
          h('script', {src: liveScriptPath, defer: true}),
        ]),
        h('body', [
          h('main.opsg-overlay', {role: 'alert', id: 'opsg-overlay'}, [
            h('h1', title),
            h('p', 'Fix the files below and save: this page reloads by itself.'),
            h('ol', messages.map((message) =>
              h('li', {className: [message.severity]}, [
                h('code.place', placeText(message)),
                ' ',
                h('span.severity', message.severity),
                ' ',
                h('span.reason', message.message),
                message.rule ? [' ', h('span.rule', `(${message.rule})`)] : [],
                frames.has(frameKey(message.file, message.line, message.column, message.message)) ? h('pre.frame', frames.get(frameKey(message.file, message.line, message.column, message.message))) : [],
              ]))),
          ]),
        ]),
      ]),
    ],
  };
  return toHtml(tree) + '\n';
}
