/**
 * The preview under attack, on a real server: a request must name the preview in its
 * `Host` header whatever address it listens on, listening beyond loopback is announced,
 * and a file added while it runs is checked exactly as a build checks it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {preview, type Preview} from '../../src/index.js';
import {makeSite, meeting} from '../helpers.js';
import {openEvents, rawGet} from '../preview/preview-helpers.js';

const open: Preview[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, {recursive: true, force: true});
});

async function start(options: Parameters<typeof preview>[0]): Promise<{server: Preview; dir: string}> {
  const dir = makeSite({'content/opsg-27.md': meeting(), 'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', status: 'draft', items: '3. Secret Draft Item (DCC): Not yet public.'})});
  dirs.push(dir);
  const server = await preview({cwd: dir, port: 0, ...options});
  open.push(server);
  return {server, dir};
}

/** GET a path from the server, over loopback, with the `Host` header given. */
function get(server: Preview, sitePath: string, host: string): Promise<{status: number; body: string}> {
  return rawGet(`http://127.0.0.1:${new URL(server.url).port}`, sitePath, {host});
}

describe('the preview’s Host allow-list', () => {
  it('on 0.0.0.0: a foreign Host gets 403 and no draft; loopback and --allow-host names are served; a warning is given', async () => {
    const {server} = await start({host: '0.0.0.0', allowedHosts: ['Review.Example']});
    const port = new URL(server.url).port;
    const foreign = await get(server, '/opsg/28/', `evil.example:${port}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body).not.toContain('Secret Draft Item');
    expect((await get(server, '/opsg/28/', `127.0.0.1:${port}`)).body).toContain('Secret Draft Item');
    expect((await get(server, '/opsg/28/', `localhost:${port}`)).status).toBe(200);
    expect((await get(server, '/opsg/28/', `review.example:${port}`)).status).toBe(200);
    expect(server.warnings.join('\n')).toMatch(/Listening on 0\.0\.0\.0 beyond this machine: anyone who can reach it can read every page, drafts included/);
  });

  it('on loopback: no warning, and still no foreign Host', async () => {
    const {server} = await start({host: '127.0.0.1'});
    expect(server.warnings).toEqual([]);
    expect((await get(server, '/', 'evil.example')).status).toBe(403);
  });
});

describe('files added while the preview runs', () => {
  it('a symbolic link to outside the content folder is refused, as `opsg check` refuses it', async () => {
    const {server, dir} = await start({});
    const outside = makeSite({'secret.md': meeting({meeting: 29, date: '2020-02-04', items: '5. Outside Secret (DCC): Never reviewed as content.'})});
    dirs.push(outside);
    const events = await openEvents(server.url);
    try {
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'content/opsg-29.md'));
      for (;;) {
        const event = await events.next();
        if (event.event === 'reload' && server.files().some((file) => file.messages.some((m) => m.ruleId === 'content-symlink'))) break;
      }
    } finally {
      events.close();
    }
    const messages = server.files().flatMap((file) => file.messages.map((m) => `${file.path} ${m.ruleId}`));
    expect(messages).toContain('content/opsg-29.md content-symlink');
    const page = await get(server, '/opsg/29/', '127.0.0.1');
    expect(page.body).not.toContain('Outside Secret');
  });
});
