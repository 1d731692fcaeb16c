/**
 * The preview checks each file under the same time budget as a build: a file that would
 * take too long, saved while the preview runs, is stopped and shown as `content-timeout`
 * in the overlay, and the server goes on answering.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {preview, type Preview, type ErrorEvent} from '../../src/index.js';
import {makeSite, meeting, pageText} from '../helpers.js';
import {afterReload, openEvents, text} from './preview-helpers.js';

describe('a hostile file saved while the preview runs', () => {
  let dir: string;
  let server: Preview;
  let events: Awaited<ReturnType<typeof openEvents>>;

  beforeAll(async () => {
    dir = makeSite({
      'opsg.config.json': JSON.stringify({fileTimeout: 1}),
      'content/opsg-27.md': meeting({items: '4. Major Incident (SECAS/DCC): The DCC reported the first version.'}),
    });
    server = await preview({cwd: dir, port: 0});
    events = await openEvents(server.url);
  });

  afterAll(async () => {
    events?.close();
    await server?.close();
  });

  it('is stopped and shown as `content-timeout` in the overlay; the server keeps serving, and recovers once it is gone', async () => {
    const hostile = path.join(dir, 'content/opsg-28.md');
    const failed = new Promise<ErrorEvent>((resolve) => server.on('error', resolve));
    // `*[` runs make the Markdown parser backtrack: tens of seconds for this file, unstopped.
    fs.writeFileSync(hostile, meeting({meeting: 28, date: '2020-01-07', items: '4. Runs (DCC): ' + '*['.repeat(40_000)}));
    const event = await failed;
    expect(event.messages.some((m) => m.file === 'content/opsg-28.md' && m.rule === 'content-timeout')).toBe(true);

    const overlay = await text(server.url + 'opsg/27/');
    expect(overlay.status).toBe(500);
    expect(pageText(overlay.body)).toContain('content-timeout');
    expect(pageText(overlay.body)).toContain('Unexpected processing time over 1 s');
    expect((await text(server.url + '__opsg/live.js')).status).toBe(200);

    fs.rmSync(hostile);
    await afterReload(events, async () => (await text(server.url + 'opsg/27/')).status === 200);
    expect(pageText((await text(server.url + 'opsg/27/')).body)).toContain('The DCC reported the first version.');
  });
});
