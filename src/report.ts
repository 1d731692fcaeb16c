/**
 * Messages → text (vfile-reporter, the unified ecosystem's format), JSON, or GitHub
 * Actions annotations; and the exit code they mean.
 */
import {VFile} from 'vfile';
import type {VFileMessage} from 'vfile-message';
import {reporter} from 'vfile-reporter';

/** Output formats of `check` and `build`. */
export type Format = 'text' | 'json' | 'github';

/** Report options. */
export interface ReportOptions {
  /** Output format. */
  format: Format;
  /** Show only warnings and errors. */
  quiet?: boolean;
  /** Colour (text format only). */
  color?: boolean;
}

/** One message as JSON. */
export interface JsonMessage {
  /** File path, relative to the working folder. */
  file: string;
  /** 1-based line, or null for the whole file. */
  line: number | null;
  /** 1-based column, or null. */
  column: number | null;
  /** End line, or null. */
  endLine: number | null;
  /** End column, or null. */
  endColumn: number | null;
  /** `error`, `warning` or `info`. */
  severity: 'error' | 'warning' | 'info';
  /** Rule id. */
  rule: string | null;
  /** What was found and what was expected. */
  message: string;
}

function severity(message: VFileMessage): JsonMessage['severity'] {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** Sorted messages, as plain objects. */
export function toJson(files: VFile[], quiet = false): JsonMessage[] {
  const out: JsonMessage[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const messages = [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    for (const message of messages) {
      if (quiet && message.fatal !== true && message.fatal !== false) continue;
      out.push({
        file: file.path,
        line: message.line ?? null,
        column: message.column ?? null,
        endLine: message.place && 'end' in message.place ? message.place.end.line : null,
        endColumn: message.place && 'end' in message.place ? message.place.end.column : null,
        severity: severity(message),
        rule: message.ruleId ?? null,
        message: message.reason,
      });
    }
  }
  return out;
}

/** Format the report; an empty string when there is nothing to say. */
export function formatReport(files: VFile[], options: ReportOptions): string {
  if (options.format === 'json') return JSON.stringify(toJson(files, options.quiet), null, 2) + '\n';
  if (options.format === 'github') {
    return toJson(files, options.quiet).map((m) => {
      const kind = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${escapeProperty(m.file)}`];
      if (m.line !== null) props.push(`line=${m.line}`);
      if (m.column !== null) props.push(`col=${m.column}`);
      if (m.endLine !== null) props.push(`endLine=${m.endLine}`);
      if (m.endColumn !== null) props.push(`endColumn=${m.endColumn}`);
      if (m.rule) props.push(`title=${escapeProperty(m.rule)}`);
      return `::${kind} ${props.join(',')}::${escapeData(m.message)}\n`;
    }).join('');
  }
  const shown = files.map((file) => {
    // A copy with every text the author controls made safe for a terminal (see `terminalText`).
    const copy = new VFile({path: terminalText(file.path)});
    const source = sourceOf(file);
    // vfile-reporter's own `quiet` only hides files without messages; ours hides information too.
    copy.messages = file.messages
      .filter((message) => !options.quiet || message.fatal === true || message.fatal === false)
      .map((message) => Object.assign(Object.create(Object.getPrototypeOf(message) as object) as VFileMessage, message, {
        reason: terminalText(message.reason),
        message: terminalText(message.message),
        ruleId: message.ruleId === undefined ? undefined : terminalText(message.ruleId),
        file: terminalText(message.file ?? ''),
        // Shown under the message (vfile-reporter's verbose notes): the line and a caret.
        note: source === undefined ? undefined : codeFrame(source, message.line, message.column),
        url: undefined,
        ancestors: undefined,
      }));
    return copy;
  }).filter((file) => file.messages.length > 0);
  if (shown.length === 0) return '';
  const text = reporter(shown.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), {color: options.color ?? false, verbose: true});
  return text ? text + '\n' : '';
}

/** 0 clean, 1 an error (or, with `strict`, a warning). */
export function exitCode(files: VFile[], strict = false): 0 | 1 {
  const messages = files.flatMap((file) => file.messages);
  if (messages.some((m) => m.fatal === true)) return 1;
  if (strict && messages.some((m) => m.fatal === false)) return 1;
  return 0;
}

/** Characters of a line shown around the column: a long line is cut to a window. */
const frameWidth = 100;

/**
 * A file's text, for code frames: its value, which files opsg reads as a whole keep (the
 * config). Content files' results carry no text, and their messages quote what they found.
 */
export function sourceOf(file: VFile): string | undefined {
  return file.value === undefined || file.value === null ? undefined : String(file.value);
}

/**
 * The offending line with a caret under the column, as Babel's and Astro's code frames
 * show it (`> 3 |   "feedLimit": "20"` over `  |   ^`); undefined without a line. The
 * line is shown as the terminal may show it (`terminalText`), cut to a window when long.
 */
export function codeFrame(source: string, line: number | undefined | null, column: number | undefined | null): string | undefined {
  if (line === undefined || line === null || line < 1) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    start = source.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const end = source.indexOf('\n', start);
  const text = source.slice(start, end === -1 ? source.length : end);
  const at = Math.max(0, Math.min((column ?? 1) - 1, text.length));
  const from = text.length > frameWidth ? Math.max(0, Math.min(at - frameWidth / 2, text.length - frameWidth)) : 0;
  const shown = (from > 0 ? '…' : '') + terminalText(text.slice(from, from + frameWidth)) + (from + frameWidth < text.length ? '…' : '');
  const caret = (from > 0 ? 1 : 0) + terminalText(text.slice(from, at)).length;
  const gutter = String(line);
  return `> ${gutter} | ${shown}\n${' '.repeat(gutter.length + 3)}| ${' '.repeat(caret)}^`;
}

/**
 * Text with every control character shown as an escape (`\n`, `\x1b`, `\u202e`): file
 * names and YAML values reach the report, and a raw newline there would start a line of
 * the author's choosing (which CI runners such as GitHub Actions read as a workflow
 * command), an escape sequence would drive the terminal, and a bidirectional override
 * would make the line read other than it is.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};
    const code = c.charCodeAt(0);
    return named[c] ?? (code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0'));
  });
}

// GitHub's workflow-command escaping (actions/toolkit, command.ts): a newline in a value
// would end the command and start one of the author's choosing.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
