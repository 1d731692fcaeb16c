/**
 * Every generated page passes html-validate's recommended rules with zero errors: the
 * example site with drafts, a meeting that stresses the markup, and a site under a sub-path.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {HtmlValidate} from 'html-validate';
import {buildSite, copyExample, htmlPages, stressMeeting, type BuiltSite} from './site-helpers.js';

const validator = new HtmlValidate({extends: ['html-validate:recommended']});
const sites: BuiltSite[] = [];

beforeAll(async () => {
  const dir = copyExample({'content/panel/2021/panel-5.md': stressMeeting});
  sites.push(await buildSite(dir, {drafts: true}), await buildSite(dir, {base: '/sub/'}, 'dist-sub'));
});

afterAll(() => {
  if (sites[0]) fs.rmSync(sites[0].dir, {recursive: true, force: true});
});

/** `page → ["line:column rule: message"]` for every page with an error. */
async function errorsOf(site: BuiltSite): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const at of htmlPages(site.dist)) {
    const report = await validator.validateString(fs.readFileSync(path.join(site.dist, at), 'utf8'), at);
    const errors = report.results.flatMap((result) => result.messages.filter((message) => message.severity === 2)
      .map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`));
    if (errors.length > 0) found[at] = errors;
  }
  return found;
}

test('the validator reports errors in a page made to fail (the harness works)', async () => {
  const report = await validator.validateString('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><a href="a"><a href="b">b</a></a></body></html>');
  expect(report.valid).toBe(false);
});

test('every page of the example site (drafts included) has zero html-validate errors', async () => {
  expect(htmlPages(sites[0]!.dist).length).toBeGreaterThan(10);
  expect(await errorsOf(sites[0]!)).toEqual({});
});

test('every page of a site built for a sub-path has zero html-validate errors', async () => {
  expect(await errorsOf(sites[1]!)).toEqual({});
});
