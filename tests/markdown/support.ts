/** Build one meeting file into a real site and read back what a reader sees. */
import fs from 'node:fs';
import path from 'node:path';
import {build} from '../../src/index.js';
import {makeSite} from '../helpers.js';

/** What a build of one meeting gives. */
export interface Built {
  /** Every message, `line:column  severity  reason  rule`, in file order. */
  messages: string[];
  /** The meeting page, when the build wrote one. */
  page: string;
  /** The print page. */
  print: string;
  /** The contents list as text, one entry per item. */
  contents: string[];
  /** meetings.json's items of the meeting. */
  items: Array<{number: number; title: string; owner: string | null; url: string}>;
}

const dirs: string[] = [];

/** Folders made by `buildMeeting`, removed by `removeSites`. */
export function removeSites(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
}

/** Build a site of one meeting file (its text given) and read the results. */
export async function buildMeeting(text: string, config?: object): Promise<Built> {
  const dir = makeSite({'content/opsg-27.md': text, ...(config ? {'opsg.config.json': JSON.stringify(config)} : {})});
  dirs.push(dir);
  const result = await build({cwd: dir, jobs: 1, cache: false});
  const messages = result.files.flatMap((file) => [...file.messages]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map((m) => `${m.line}:${m.column}  ${m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info'}  ${m.reason}  ${m.ruleId}`));
  const read = (file: string) => (fs.existsSync(path.join(dir, 'dist', file)) ? fs.readFileSync(path.join(dir, 'dist', file), 'utf8') : '');
  const page = read('opsg/27/index.html');
  const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(page)?.[0] ?? '';
  const contents = [...toc.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1]!);
  const json = read('meetings.json');
  const items = json ? (JSON.parse(json) as {meetings: Array<{items: Built['items']}>}).meetings[0]?.items ?? [] : [];
  return {messages, page, print: read('opsg/27/print.html'), contents, items};
}

/** A fixture's text. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', name), 'utf8');
}
