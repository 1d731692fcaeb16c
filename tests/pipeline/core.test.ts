/**
 * One core for `build` and `preview`: the same cross-file checks and the same publish gate,
 * whichever command runs them. The gate is tried on its own (a White document turned
 * Amber after the rules ran must still not reach a page), then the build and the preview
 * are run on the same sites.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {VFile} from 'vfile';
import {build, loadSettings, preview, type Preview} from '../../src/index.js';
import {checkSite, siteModel} from '../../src/pipeline/core.js';
import {makeSite, meeting} from '../helpers.js';
import {text} from '../preview/preview-helpers.js';

const open: Preview[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

/** Every classification rule switched off in the config (the locked ones stay errors whatever it says). */
const rulesOff = Object.fromEntries(['classification-restricted', 'classification-marker', 'classification-missing', 'classification-unknown', 'classification-statement-mismatch', 'classification-statement-missing'].map((id) => [id, 'off']));

const amberStatement = 'This document is classified as **Amber**. Information in this document is restricted.';

/** Each content file's messages as `path line:col severity rule reason`, in order. */
function messagesOf(files: VFile[]): string[] {
  return files
    .filter((file) => file.path.startsWith('content/'))
    .flatMap((file) => file.messages.map((m) => `${file.path} ${m.line}:${m.column} ${m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info'} ${m.ruleId} ${m.reason}`));
}

describe('the publish gate', () => {
  it('lets only White documents through, whatever the rules said', async () => {
    const dir = makeSite({
      'content/opsg-27.md': meeting(),
      'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07'}),
    });
    const {settings, configFile} = loadSettings({cwd: dir, cache: false});
    const site = await checkSite(settings, {configFile, store: false});
    expect(site.model.published).toEqual(['OPSG 27', 'OPSG 28']);
    // As if a rule had been switched off or had missed it: the meeting is Amber, no message says so.
    site.files[1]!.data.meeting!.classification = 'amber';
    expect(site.files[1]!.messages.filter((m) => m.fatal)).toEqual([]);
    expect(siteModel(site.files, settings).published).toEqual(['OPSG 27']);
    expect(siteModel(site.files, {...settings, drafts: true}).published).toEqual(['OPSG 27']);
  });

  it('leaves drafts out with a `draft` message unless drafts are asked for, and judges them afresh each time', async () => {
    const dir = makeSite({
      'content/opsg-27.md': meeting(),
      'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', status: 'draft'}),
    });
    const {settings, configFile} = loadSettings({cwd: dir, cache: false});
    const site = await checkSite(settings, {configFile, store: false});
    expect(site.model).toMatchObject({published: ['OPSG 27'], drafts: []});
    expect(site.files[1]!.messages.map((m) => m.ruleId)).toEqual(['draft']);
    const withDrafts = siteModel(site.files, {...settings, drafts: true});
    expect(withDrafts).toMatchObject({published: ['OPSG 27', 'OPSG 28'], drafts: ['OPSG 28']});
    expect(withDrafts.views.map((view) => view.number)).toEqual([27, 28]);
  });
});

describe('build and preview run the same checks and the same gate', () => {
  it('with the classification rules switched off in the config, an Amber meeting is neither built nor served', async () => {
    const dir = makeSite({
      'opsg.config.json': JSON.stringify({rules: rulesOff}),
      'content/opsg-27.md': meeting(),
      'content/opsg-29.md': meeting({meeting: 29, date: '2020-02-04', classification: 'Amber', statement: amberStatement, items: '5. Amber Secret (DCC): Never to be published.'}),
    });
    const built = await build({cwd: dir, cache: false});
    expect(built.published).toEqual([]);
    expect(built.written).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    const buildErrors = messagesOf(built.files).filter((line) => line.includes(' error '));
    expect(buildErrors.some((line) => line.startsWith('content/opsg-29.md') && line.includes('classification-restricted'))).toBe(true);

    const server = await preview({cwd: dir, port: 0});
    open.push(server);
    for (const sitePath of ['', 'opsg/29/', 'opsg/29/print.html', 'print.html', 'meetings.json', 'feed.xml']) {
      const page = await text(server.url + sitePath);
      expect(page.status).not.toBe(200);
      expect(page.body).not.toContain('Never to be published');
    }
    expect(messagesOf(server.files()).filter((line) => line.includes(' error '))).toEqual(buildErrors);
  });

  it('the cross-file checks give the same messages in both, at the same places', async () => {
    const dir = makeSite({
      'content/opsg/opsg-27.md': meeting(),
      'content/opsg/opsg-27-copy.md': meeting({items: '4. Copied (DCC): The same meeting twice.'}),
      'content/opsg/opsg-30.md': meeting({meeting: 30, date: '2019-11-05'}),
    });
    const built = await build({cwd: dir, cache: false});
    const fromBuild = messagesOf(built.files);
    expect(fromBuild.some((line) => line.includes('meeting-duplicate'))).toBe(true);
    expect(fromBuild.some((line) => line.includes('meeting-order'))).toBe(true);
    const server = await preview({cwd: dir, port: 0});
    open.push(server);
    expect(messagesOf(server.files())).toEqual(fromBuild);
    expect((await text(server.url + 'opsg/27/')).status).toBe(500);
  });
});
