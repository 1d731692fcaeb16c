/**
 * The seed meeting's content, on its page (`<main>`) and its print page (`<article>`), is
 * byte for byte what opsg built before it read GitHub-flavoured Markdown. (Around the
 * content, only the stylesheets' hashed names changed: their table rules are new.)
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {buildSite, copyExample, type BuiltSite} from '../site/site-helpers.js';

const saved = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/seed-site');
let site: BuiltSite | undefined;

afterAll(() => {
  if (site) fs.rmSync(site.dir, {recursive: true, force: true});
});

test('the seed’s content is rendered exactly as before', async () => {
  site = await buildSite(copyExample(), {cache: false});
  const page = fs.readFileSync(path.join(site.dist, 'opsg/27/index.html'), 'utf8');
  // The links to each item's threads across meetings came later, on their own.
  const main = /<main[\s\S]*<\/main>/.exec(page)![0].replace(/<p class="item-threads">[\s\S]*?<\/p>/g, '');
  expect(main + '\n').toBe(fs.readFileSync(path.join(saved, 'opsg-27-index-content.html'), 'utf8'));
  const print = fs.readFileSync(path.join(site.dist, 'opsg/27/print.html'), 'utf8');
  expect(/<article[\s\S]*<\/article>/.exec(print)![0] + '\n').toBe(fs.readFileSync(path.join(saved, 'opsg-27-print-content.html'), 'utf8'));
});
