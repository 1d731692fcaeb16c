/**
 * Hostile input through the real binary: every case ends in a clear message and exit code
 * within the time budget, nothing outside opsg's own folders changes (the surrounding tree
 * is listed and hashed before and after), and no output carries the injected text.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {afterAll, describe, expect, it} from 'vitest';
import {makeSite, meeting, runCli, tempDir} from '../helpers.js';
import {cssString} from '../../src/templates.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, {recursive: true, force: true});
});

/**
 * A site in `<world>/site`, beside files that are not opsg's (`<world>/outside`, and
 * `<world>/site/notes`), so that a test can see whether anything but opsg's own folders changed.
 */
function world(files: Record<string, string | Buffer>): {root: string; site: string} {
  const root = tempDir('opsg-hostile-');
  made.push(root);
  makeSite({'outside/thesis.txt': 'years of work\n', 'outside/v1/data.csv': 'a,b\n', 'site/notes/v2/keep.txt': 'mine\n', ...Object.fromEntries(Object.entries(files).map(([name, text]) => ['site/' + name, text]))}, root);
  return {root, site: path.join(root, 'site')};
}

/** Every path below `root` with a hash of its bytes (or its link target, or `dir`), leaving out opsg's own folders. */
function snapshot(root: string, own: string[] = ['site/dist', 'site/.opsg-cache']): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), {withFileTypes: true})) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (own.includes(child) || /(^|\/)\.dist\.opsg-/.test(child)) continue;
      const full = path.join(root, child);
      if (entry.isSymbolicLink()) out.set(child, 'link:' + fs.readlinkSync(full));
      else if (entry.isDirectory()) {
        out.set(child, 'dir');
        walk(child);
      } else if (entry.isFile()) out.set(child, createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
      else out.set(child, 'special');
    }
  };
  walk('');
  return out;
}

/** Run the binary in the site and check that nothing but opsg's own folders changed. */
function runUntouched(w: {root: string; site: string}, args: string[], own?: string[]) {
  const before = snapshot(w.root, own);
  const result = runCli(args, w.site);
  expect(snapshot(w.root, own)).toEqual(before);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // never a stack trace
  return result;
}

const white = (spec: Parameters<typeof meeting>[0] = {}) => meeting(spec);

describe('a file that would take too long is stopped, not waited for', () => {
  it('`*[` runs (micromark backtracks on them): content-timeout at the file, exit 1, nothing written', () => {
    const w = world({
      'content/a.md': white(),
      'content/b.md': white({meeting: 28, date: '2020-01-07', items: '4. Runs (DCC): ' + '*['.repeat(40_000)}),
      'opsg.config.json': JSON.stringify({fileTimeout: 1}),
    });
    const result = runUntouched(w, ['build']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/content\/b\.md[\s\S]*error\s+Unexpected processing time over 1 s[\s\S]*content-timeout/);
    expect(fs.existsSync(path.join(w.site, 'dist'))).toBe(false);
  });

  it('the other files are still checked after a stopped one (its worker is replaced)', () => {
    const w = world({
      'content/a.md': white({items: '4. Runs (DCC): ' + '*['.repeat(40_000)}),
      'content/b.md': white({meeting: 28, date: '2020-01-07', classification: 'Amber'}),
      'opsg.config.json': JSON.stringify({fileTimeout: 1}),
    });
    const result = runUntouched(w, ['check', '--format', 'json']);
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.stdout) as Array<{file: string; rule: string}>;
    expect(messages.some((m) => m.file === 'content/a.md' && m.rule === 'content-timeout')).toBe(true);
    expect(messages.some((m) => m.file === 'content/b.md' && m.rule !== 'content-timeout' && m.rule !== 'internal')).toBe(true);
  });

  it('a realistic 1.5 MB meeting still builds under the default budget', () => {
    const items: string[] = [];
    for (let i = 1, size = 0; size < 1.5 * 1024 * 1024; i++) {
      items.push(`${i}. Item number ${i} (DCC/SECAS): The OPSG **noted** the report and agreed that the DCC would report again at the next meeting, with *figures* for each region. ${'The group discussed the figures at length and noted that the service had improved since the last meeting, although some regions still reported delays. '.repeat(6)}`);
      size += items.at(-1)!.length + 2;
    }
    const w = world({'content/a.md': white({items: items.join('\n\n')})});
    const result = runUntouched(w, ['build']);
    expect(result.stderr).not.toMatch(/content-timeout|content-size/);
    expect(result.code).toBe(0);
  });
});

describe('--cache: opsg deletes only what opsg wrote', () => {
  const site = {'content/a.md': white()};

  it.each([
    ['a folder of someone else’s files', ['--cache', 'notes'], /Cannot use --cache `notes`: it is not empty and opsg did not create it/],
    ['the project folder', ['--cache', '.'], /Cannot use --cache `\.`: it is the project folder/],
    ['a folder holding the project', ['--cache', '..'], /Cannot use --cache `\.\.`: it contains the project folder/],
    ['the file system root', ['--cache', '/'], /it is the file system root/],
    ['the content folder', ['--cache', 'content'], /it is the content folder/],
  ])('refuses %s (exit 2), and changes nothing', (_name, args, message) => {
    const w = world(site);
    const result = runUntouched(w, ['build', ...args], ['site/dist']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('refuses `"cache": "/"` in the config', () => {
    const w = world({...site, 'opsg.config.json': JSON.stringify({cache: '/'})});
    const result = runUntouched(w, ['build']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/it is the file system root/);
  });

  it('refuses `keep` holding v1/ and v3/ folders of data, and deletes none of it', () => {
    const w = world({...site, 'keep/v1/thesis.txt': 'x', 'keep/v3/sub/data.csv': 'y', 'keep/v2/ab/notes.json': '{}'});
    const result = runUntouched(w, ['build', '--cache', 'keep'], ['site/dist']);
    expect(result.code).toBe(2);
  });

  it('marks its cache, and pruning leaves files it did not write', () => {
    const w = world(site);
    expect(runCli(['build'], w.site).code).toBe(0);
    expect(fs.readFileSync(path.join(w.site, '.opsg-cache/CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n[\s\S]*written by opsg/);
    const foreign = path.join(w.site, '.opsg-cache/v2/aa', 'a'.repeat(64) + '.json');
    const sibling = path.join(w.site, '.opsg-cache/v1/thesis.txt');
    makeSite({[path.relative(w.site, foreign)]: '{}', [path.relative(w.site, sibling)]: 'x'}, w.site);
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(foreign, old, old);
    fs.writeFileSync(path.join(w.site, 'content/a.md'), white({items: '4. Changed (DCC): Text.'}));
    expect(runCli(['build'], w.site).code).toBe(0);
    expect([fs.existsSync(foreign), fs.existsSync(sibling)]).toEqual([true, true]);
  });

  it('adopts a cache an earlier opsg wrote (no marker, its layout), and reuses it', () => {
    const w = world(site);
    expect(runCli(['build'], w.site).code).toBe(0);
    const cache = path.join(w.site, '.opsg-cache');
    fs.rmSync(path.join(cache, 'CACHEDIR.TAG'));
    fs.rmSync(path.join(cache, 'v2/written'));
    fs.rmSync(path.join(w.site, 'dist'), {recursive: true});
    const result = runCli(['build', '--format', 'json'], w.site);
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(cache, 'CACHEDIR.TAG'))).toBe(true);
    expect(fs.readFileSync(path.join(cache, 'v2/written'), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(0);
  });
});

describe('every value is escaped for where it lands', () => {
  it('a label made of replacement patterns stays one CSS string in print.css', () => {
    const label = "$`$'$& \"; } @import url(https://evil.example/x.css); body{display:none} /*";
    const w = world({'content/a.md': white(), 'opsg.config.json': JSON.stringify({classification: {label}})});
    expect(runUntouched(w, ['build']).code).toBe(0);
    const dist = path.join(w.site, 'dist');
    const css = fs.readdirSync(path.join(dist, 'assets')).find((name) => name.startsWith('print') && name.endsWith('.css'))!;
    const text = fs.readFileSync(path.join(dist, 'assets', css), 'utf8');
    const template = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../templates/print.css'), 'utf8');
    expect(text).toBe(template.split('{{label}}').join(cssString(label)));
    // Outside the string literals, nothing of the label: no rule, no import.
    expect(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(/@import|evil|display:none/);
  });

  it('a YAML value with a newline cannot forge a CI annotation in the text report', () => {
    const w = world({'content/a.md': white({classification: '"Amber\\n::error file=fake.md,line=1::FORGED"'})});
    const text = runUntouched(w, ['check']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('\\n::error');
    expect(text.stderr.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    const github = runUntouched(w, ['check', '--format', 'github']);
    for (const line of github.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^::(error|warning|notice) file=content\/a\.md[,:]/);
  });

  it('escape sequences in a file name are shown escaped', () => {
    const w = world({'content/\u001b[31mred\u202e.md': white({classification: 'Amber'})});
    const result = runUntouched(w, ['check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/\\x1b[31mred\\u202e.md');
    expect(result.stderr).not.toContain('\u001b[31m');
  });

  it('a usage error quoting what the user typed shows its control characters escaped', () => {
    const w = world({'content/a.md': white()});
    const result = runUntouched(w, ['build', '--content', 'x\u001b[2J\n::error::forged']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('x\\x1b[2J\\n::error::forged');
    expect(result.stderr.split('\n').some((line) => line.startsWith('::'))).toBe(false);
  });

  it('U+FFFE and U+FFFF in titles leave feed.xml well-formed', () => {
    const w = world({'content/a.md': white({items: '4. Odd \uFFFE title \uFFFF (DCC): Text.'}), 'opsg.config.json': JSON.stringify({url: 'https://example.org'})});
    expect(runUntouched(w, ['build']).code).toBe(0);
    const feed = fs.readFileSync(path.join(w.site, 'dist/feed.xml'), 'utf8');
    expect(feed).toContain('Odd  title');
    expect(feed).not.toMatch(/[\uFFFE\uFFFF]/);
  });
});

describe('bounded reads: devices and FIFOs are refused, reading stops at the limit', () => {
  it('`opsg import /dev/zero` fails at once with a clear message', () => {
    const w = world({'content/a.md': white()});
    const result = runUntouched(w, ['import', '/dev/zero']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot read file: it is a device, expected a regular file/);
  });

  it('`opsg build --config /dev/zero` fails at once (exit 2)', () => {
    const w = world({'content/a.md': white()});
    const result = runUntouched(w, ['build', '--config', '/dev/zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot read config file `[^`]*dev\/zero`: it is a device, expected a regular file/);
  });

  it('a FIFO named like a meeting or a config is refused, not waited for', () => {
    const w = world({'content/a.md': white()});
    execFileSync('mkfifo', [path.join(w.site, 'content/b.md'), path.join(w.site, 'fifo.json')]);
    const content = runUntouched(w, ['check']);
    expect(content.code).toBe(1);
    expect(content.stderr).toMatch(/content\/b\.md[\s\S]*it is a FIFO/);
    const config = runUntouched(w, ['check', '--config', 'fifo.json']);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/it is a FIFO/);
  });
});
