/** Helpers for the robustness suites: reading the text report, spotting stack traces, comparing trees. */
import fs from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {readTree, whiteStatement} from '../helpers.js';

/** One message line of a vfile-reporter text report. */
export interface ReportedMessage {
  /** The file heading the block the message sits in. */
  file: string;
  /** Start line, when the message has a place. */
  line: number | undefined;
  /** Start column, when the message has a place. */
  column: number | undefined;
  /** `error`, `warning` or `info`. */
  severity: string;
  /** The reason. */
  reason: string;
  /** The rule id. */
  rule: string;
}

const messageLine = /^\s*(?:(\d+):(\d+)(?:-\d+:\d+)?)?\s+(error|warning|info)\s+(.+?)\s+([a-z][a-z0-9-]*)\s+opsg\s*$/;

/** Parse the text report (`path` heading, then `line:col  severity  reason  rule  opsg` lines). */
export function parseReport(stderr: string): ReportedMessage[] {
  const out: ReportedMessage[] = [];
  for (const block of stderr.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    const [head, ...rest] = lines;
    if (!head || messageLine.test(head)) continue;
    for (const line of rest) {
      const match = messageLine.exec(line);
      if (!match) continue;
      out.push({
        file: head.trim(),
        line: match[1] ? Number(match[1]) : undefined,
        column: match[2] ? Number(match[2]) : undefined,
        severity: match[3]!,
        reason: match[4]!,
        rule: match[5]!,
      });
    }
  }
  return out;
}

/** Fail when the output holds a stack trace or a raw error dump. */
export function expectNoStack(output: string): void {
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toMatch(/^\s*at (?:async )?[\w.<>]+ \(/m);
  expect(output).not.toMatch(/^(?:Type|Range|Syntax|Reference)?Error:/m);
  expect(output).not.toMatch(/node:internal|\[ERR_[A-Z_]+\]/);
}

/** Front-matter lines in order, `undefined` values left out. */
export function frontMatter(fields: Record<string, string | number | undefined>): string {
  const lines = ['---'];
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) lines.push(`${key}: ${value}`);
  lines.push('---', '');
  return lines.join('\n');
}

/** A meeting file from raw front-matter fields and a body (the White statement and two items by default). */
export function rawMeeting(fields: Record<string, string | number | undefined>, body = `${whiteStatement}\n\n4. Major Incident (SECAS/DCC): The DCC reported.\n\n6. Alerts (DCC): The DCC reported progress.\n`): string {
  return frontMatter({group: 'OPSG', meeting: 27, date: '2019-12-03', classification: 'White', ...fields}) + '\n' + body;
}

/** Every file below a folder with its bytes, as a plain object (for `toEqual`). */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries([...readTree(dir)].map(([name, bytes]) => [name, bytes.toString('base64')]));
}

/** Names in a folder (hidden ones too), sorted. */
export function listing(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** Every file of a built site as text, keyed by site path (the marker left out). */
export function outputs(dist: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, bytes] of readTree(dist)) if (!name.startsWith('.')) out.set(name, bytes.toString('utf8'));
  return out;
}

/** Whether a path is inside a folder (or is it). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
