/**
 * Meeting, print and thread pages rendered on worker threads while the main thread writes
 * (render-elsewhere.ts): the same bytes as on the main thread, with the built-in templates
 * and with a site's own, from content held in memory or read from the cache; a page a worker
 * cannot render is rendered on the main thread, and a template that fails fails the build
 * as it does there.
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {loadSettings} from '../../src/index.js';
import {checkSite} from '../../src/pipeline/core.js';
import {renderAndWrite} from '../../src/pipeline/pages.js';
import {builtinTemplates} from '../../src/templates.js';
// @ts-expect-error: the bench's corpus generator is plain JavaScript.
import {generate} from '../../bench/corpus.js';
import {makeSite, readTree, tempDir} from '../helpers.js';

const config = JSON.stringify({title: 'Elsewhere', url: 'https://example.org/', autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://example.org/modifications/{lower}/'}]});

/** A site of 24 generated meetings; `template` is the body of a site's own meeting.js (and thread.js), given `page`, `ctx`, `made` (the built-in one's result) and `where` ('main' or 'worker'). */
function site(template?: string): string {
  const dir = tempDir();
  (generate as (dir: string, count: number) => void)(dir, 24);
  const files: Record<string, string> = {'opsg.config.json': config};
  if (template !== undefined) {
    for (const name of ['meeting.js', 'thread.js']) {
      files[`templates/${name}`] = [
        "import {appendFileSync} from 'node:fs';",
        "import {isMainThread} from 'node:worker_threads';",
        `import builtIn from ${JSON.stringify(pathToFileURL(path.join(builtinTemplates, name)).href)};`,
        'export default (page, ctx) => {',
        "  const where = isMainThread ? 'main' : 'worker';",
        `  appendFileSync(${JSON.stringify(path.join(dir, 'rendered.log'))}, \`\${where} ${name} \${page.path ?? page.name}\\n\`);`,
        `  ${template}`,
        '  return builtIn(page, ctx);',
        '};',
      ].join('\n');
    }
  }
  return makeSite(files, dir);
}

/** Build `dir` through the core's stages, its meeting, print and thread pages on two workers (`from` 0) or on the main thread (`from` Infinity). */
async function build(dir: string, from: number, options: {cache?: boolean} = {}) {
  const {settings, configFile} = loadSettings({cwd: dir, ...(options.cache === false ? {cache: false} : {})});
  const checked = await checkSite(settings, {configFile, store: true});
  expect(checked.files.flatMap((file) => file.messages.filter((message) => message.fatal).map(String))).toEqual([]);
  const result = await renderAndWrite(settings, {siteFile: checked.siteFile, model: checked.model, checked, keepCache: settings.cache !== undefined, elsewhere: {from, workers: 2}});
  return {result, siteFile: checked.siteFile, out: settings.out};
}

/** Each file of a built site by its SHA-256 (comparing the bytes themselves is slow). */
function output(dir: string): Map<string, string> {
  return new Map([...readTree(path.join(dir, 'dist'))].map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]));
}

/** Which thread rendered what, by the site's own templates' log, emptied for the next build. */
function rendered(dir: string): string[] {
  const log = path.join(dir, 'rendered.log');
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  fs.rmSync(log);
  return lines;
}

describe('pages rendered on worker threads', () => {
  it('are the bytes the main thread renders, with the built-in templates, with and without a cache', async () => {
    const here = site();
    const there = site();
    await build(here, Infinity, {cache: false});
    const {result} = await build(there, 0, {cache: false});
    expect(result.ok).toBe(true);
    expect(result.elsewhere).toBeGreaterThan(24 * 2);
    const expected = output(here);
    expect(expected.size).toBeGreaterThan(24 * 2);
    expect(output(there)).toEqual(expected);
    // A first build with a cache sends each meeting's content held since its threads were made;
    // built again without its output, a worker reads each meeting's content from the cache itself.
    for (let round = 0; round < 2; round++) {
      fs.rmSync(path.join(there, 'dist'), {recursive: true});
      expect((await build(there, 0)).result.elsewhere).toBe(result.elsewhere);
      expect(output(there)).toEqual(expected);
    }
  });

  it('are rendered there by a site’s own templates, given the whole site, with the same bytes', async () => {
    const here = site('');
    const there = site('');
    await build(here, Infinity);
    expect(new Set(rendered(here).map((line) => line.split(' ')[0]))).toEqual(new Set(['main']));
    await build(there, 0);
    const lines = rendered(there);
    expect(lines.filter((line) => line.startsWith('worker meeting.js'))).toHaveLength(24);
    expect(lines.filter((line) => line.startsWith('worker thread.js')).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith('main'))).toEqual([]);
    expect(output(there)).toEqual(output(here));
    // Built again into an empty folder, each worker reads the meetings' content from the cache.
    fs.rmSync(path.join(there, 'dist'), {recursive: true});
    await build(there, 0);
    expect(rendered(there).filter((line) => line.startsWith('worker meeting.js'))).toHaveLength(24);
    expect(output(there)).toEqual(output(here));
  });

  it('are rendered on the main thread in a build that keeps most of its pages', async () => {
    const dir = site();
    expect((await build(dir, 0)).result.elsewhere).toBeGreaterThan(24 * 2);
    const file = path.join(dir, 'content', 'opsg', 'opsg-1.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\nA sentence added.\n');
    const {result} = await build(dir, 0);
    expect(result.changed).toContain('opsg/1/index.html');
    expect(result.elsewhere).toBe(0);
  });

  it('are rendered on the main thread when a worker cannot render them', async () => {
    const here = site('');
    const there = site("if (where === 'worker') throw new Error('not here');");
    await build(here, Infinity);
    const {result} = await build(there, 0);
    expect(result.ok).toBe(true);
    const lines = rendered(there);
    expect(lines.filter((line) => line.startsWith('worker meeting.js')).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.startsWith('main meeting.js'))).toHaveLength(24);
    expect(output(there)).toEqual(output(here));
  });

  it('fail the build as on the main thread when a template fails, and nothing is written', async () => {
    const failing = "if (page.path === 'opsg/3/') throw new Error('no third meeting');";
    const messages = [];
    for (const from of [Infinity, 0]) {
      const dir = site(failing);
      const {result, siteFile, out} = await build(dir, from);
      expect(result.ok).toBe(false);
      expect(fs.existsSync(out)).toBe(false);
      messages.push(siteFile.messages.map((message) => message.reason));
    }
    expect(messages[0]).toEqual(['Cannot render `opsg/3/index.html`: no third meeting (rerun with --debug for the stack)']);
    expect(messages[1]).toEqual(messages[0]);
  });
});
