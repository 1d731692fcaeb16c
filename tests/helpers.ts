/** Shared test helpers: real folders in the system's temporary directory, the real binary. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The seed document, as given (no front matter). */
export const seedText = fs.readFileSync(path.join(root, 'tests/fixtures/seed/opsg-27-2019-12-03-headlines.txt'), 'utf8');

/** The bundled seed meeting file (front matter + seed). */
export const seedMarkdown = fs.readFileSync(path.join(root, 'content/opsg/2019/opsg-27.md'), 'utf8');

/** The standard White statement line. */
export const whiteStatement = 'This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.';

/** Folders made by `tempDir` in this test file, removed after it (tests/setup.ts). */
export const madeDirs = new Set<string>();

/** A temporary folder, removed when the test file ends (or earlier by the test itself). */
export function tempDir(prefix = 'opsg-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.add(dir);
  return dir;
}

/** Remove every folder `tempDir` made so far. */
export function removeMadeDirs(): void {
  for (const dir of madeDirs) fs.rmSync(dir, {recursive: true, force: true});
  madeDirs.clear();
}

/** Write files (path → text) below a new temporary folder and return it. */
export function makeSite(files: Record<string, string | Buffer>, dir = tempDir()): string {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), {recursive: true});
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** Options for a generated meeting file. */
export interface MeetingSpec {
  group?: string;
  meeting?: number;
  date?: string;
  classification?: string | null;
  status?: string;
  statement?: string | null;
  extra?: string;
  items?: string;
}

/** A small valid meeting file, with parts replaceable. */
export function meeting(spec: MeetingSpec = {}): string {
  const group = spec.group ?? 'OPSG';
  const number = spec.meeting ?? 27;
  const date = spec.date ?? '2019-12-03';
  const lines = ['---', `group: ${group}`, `meeting: ${number}`, `date: ${date}`];
  if (spec.classification !== null) lines.push(`classification: ${spec.classification ?? 'White'}`);
  if (spec.status) lines.push(`status: ${spec.status}`);
  if (spec.extra) lines.push(spec.extra);
  lines.push('---', '');
  const statement = spec.statement === undefined ? whiteStatement : spec.statement;
  if (statement !== null) lines.push(statement, '');
  lines.push(spec.items ?? '4. Major Incident (SECAS/DCC): The DCC reported.\n\n6. Alerts (DCC): The DCC reported progress.', '');
  return lines.join('\n');
}

/** Run the real binary. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): {code: number; stdout: string; stderr: string} {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/opsg.js'), ...args], {cwd, encoding: 'utf8', env: {...process.env, ...env}, timeout: 120_000});
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr};
}

/** Every file below a folder, relative and sorted, with its bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, fs.readFileSync(path.join(dir, rel)));
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

/** Plain text of an HTML page: tags removed, entities decoded, white space folded. */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The seed's sentences, with each item's `N. Title (Owner): ` prefix set aside. */
export function seedSentences(): {headings: string[]; sentences: string[]} {
  const headings: string[] = [];
  const sentences: string[] = [];
  for (let paragraph of seedText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    paragraph = paragraph.replace(/\*\*|\*/g, '').replace(/\[([^\]]*)\]\(#\)/g, '$1');
    const item = /^(\d+\. [^:]*?\([^)]*\)): /.exec(paragraph);
    if (item) {
      headings.push(item[1]!);
      paragraph = paragraph.slice(item[0].length);
    }
    sentences.push(...paragraph.split(/(?<=[.!?])\s+(?=[A-Z[])/).map((s) => s.trim()));
  }
  return {headings, sentences};
}
