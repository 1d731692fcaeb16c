/**
 * The gate fails closed: every hostile document, through the real binary, exits 1,
 * publishes nothing, and names the line:column and rule of what it hides.
 */
import fs from 'node:fs';
import path from 'node:path';
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeSite, readTree, root} from '../helpers.js';
import {cases, sentinel, type HostileCase} from './hostile-cases.js';

interface JsonMessage {
  line: number | null;
  column: number | null;
  severity: string;
  rule: string;
}

interface Outcome {
  dir: string;
  before: Map<string, Buffer>;
  code: number | null;
  stdout: string;
  stderr: string;
}

const outcomes = new Map<string, Outcome>();

/** Run the real binary without blocking, so that a few cases run at once. */
function build(hostile: HostileCase): Promise<Outcome> {
  const dir = makeSite({'content/opsg/2019/opsg-27.md': hostile.text, ...(hostile.config ? {'opsg.config.json': JSON.stringify(hostile.config)} : {})});
  const before = readTree(dir);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/opsg.js'), 'build', '--format', 'json', '--jobs', '1'], {cwd: dir});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({dir, before, code, stdout, stderr}));
  });
}

beforeAll(async () => {
  const queue = [...cases];
  const worker = async () => {
    for (let hostile = queue.shift(); hostile; hostile = queue.shift()) outcomes.set(hostile.name, await build(hostile));
  };
  await Promise.all([worker(), worker(), worker()]);
}, 600_000);

afterAll(() => {
  for (const outcome of outcomes.values()) fs.rmSync(outcome.dir, {recursive: true, force: true});
});

describe('hostile documents through `opsg build`', () => {
  it('has at least forty cases, each named once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, hostile) => {
    const outcome = outcomes.get(name)!;
    expect(outcome.code, outcome.stderr).toBe(1);
    const messages = JSON.parse(outcome.stdout) as JsonMessage[];
    const named = messages.filter((m) => m.severity === 'error').map((m) => `${m.line}:${m.column} ${m.rule}`);
    expect(named).toContain(hostile.expect);
    // Nothing was published: no site folder, and no file outside the content holds its words.
    expect(fs.existsSync(path.join(outcome.dir, 'dist'))).toBe(false);
    for (const [file, bytes] of readTree(outcome.dir)) {
      if (outcome.before.has(file)) expect(bytes.equals(outcome.before.get(file)!), file).toBe(true);
      else expect(bytes.toString('utf8').includes(sentinel), file).toBe(false);
    }
  });
});
