import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {preview, type Preview} from '../../src/index.js';
import {makeSite, meeting, pageText} from '../helpers.js';
import {afterReload, openEvents, previewSite, rawGet, text} from './preview-helpers.js';

describe('opsg preview', () => {
  let dir: string;
  let server: Preview;
  let events: Awaited<ReturnType<typeof openEvents>>;

  beforeAll(async () => {
    dir = previewSite();
    server = await preview({cwd: dir, port: 0});
    events = await openEvents(server.url);
  });

  afterAll(async () => {
    events?.close();
    await server?.close();
    fs.rmSync(dir, {recursive: true, force: true});
  });

  it('listens on 127.0.0.1 and serves the site with its content types', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await text(server.url);
    expect(home.status).toBe(200);
    expect(home.type).toBe('text/html; charset=utf-8');
    expect(pageText(home.body)).toContain('OPSG meeting 27');
    const page = await text(server.url + 'opsg/27/');
    expect(pageText(page.body)).toContain('The DCC reported the first version.');
    const feed = await text(server.url + 'feed.xml');
    expect(feed.type).toBe('application/xml; charset=utf-8');
    expect((await text(server.url + 'sitemap.xml')).type).toBe('application/xml; charset=utf-8');
    expect((await text(server.url + 'meetings.json')).type).toBe('application/json; charset=utf-8');
    const css = home.body.match(/href="(assets\/style\.[0-9a-f]+\.css)"/)?.[1];
    expect(css).toBeDefined();
    expect((await text(server.url + css)).type).toBe('text/css; charset=utf-8');
  });

  it('adds the live-reload script to HTML it serves, and never to the built files', async () => {
    const page = await text(server.url + 'opsg/27/');
    expect(page.body).toContain('<script src="/__opsg/live.js" defer></script></head>');
    const script = await text(server.url + '__opsg/live.js');
    expect(script.type).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("new EventSource(\"/__opsg/events\")");
    expect((await text(server.url + 'feed.xml')).body).not.toContain('__opsg');
  });

  it('redirects a meeting path without its slash, so relative links work', async () => {
    const response = await text(server.url + 'opsg/27');
    expect(response.status).toBe(301);
  });

  it('shows drafts with the banner and noindex, and keeps them out of the feed and sitemap', async () => {
    const draft = await text(server.url + 'opsg/28/');
    expect(draft.status).toBe(200);
    expect(draft.body).toContain('<meta name="robots" content="noindex">');
    expect(pageText(draft.body)).toContain('DRAFT');
    expect(pageText(draft.body)).toContain('Still being written.');
    expect((await text(server.url + 'feed.xml')).body).not.toContain('opsg/28/');
    const sitemap = (await text(server.url + 'sitemap.xml')).body;
    expect(sitemap).toContain('opsg/27/');
    expect(sitemap).not.toContain('opsg/28/');
  });

  it('rebuilds the changed meeting on save and tells open tabs to reload', async () => {
    const seen = new Promise<{changed: string[]}>((resolve) => server.on('reload', resolve));
    fs.writeFileSync(path.join(dir, 'content/opsg/opsg-27.md'), meeting({items: '4. Major Incident (SECAS/DCC): The DCC reported the second version.'}));
    expect((await events.next()).event).toBe('reload');
    expect((await seen).changed).toEqual(['content/opsg/opsg-27.md']);
    const page = pageText((await text(server.url + 'opsg/27/')).body);
    expect(page).toContain('The DCC reported the second version.');
    expect(page).not.toContain('first version');
    expect(pageText((await text(server.url + 'opsg/27/print.html')).body)).toContain('second version');
  });

  it('shows the check messages in an overlay after a broken save, escaped, and clears it after the fix', async () => {
    const file = path.join(dir, 'content/opsg/opsg-27.md');
    const good = fs.readFileSync(file, 'utf8');
    const errors = new Promise<{messages: Array<{rule: string | null}>}>((resolve) => server.on('error', resolve));
    fs.writeFileSync(file, good.replace('classification: White', 'classification: "<img src=x onerror=alert(1)>"'));
    expect((await events.next()).event).toBe('reload');
    expect((await errors).messages.map((message) => message.rule)).toContain('classification-unknown');
    for (const at of ['opsg/27/', '', 'ssc/1/']) {
      const page = await text(server.url + at);
      expect(page.status).toBe(500);
      expect(page.body).toContain('id="opsg-overlay"');
      expect(pageText(page.body)).toMatch(/content\/opsg\/opsg-27\.md:5:17 error .*classification-unknown/);
      expect(page.body).not.toContain('<img');
      expect(page.body).toContain('&#x3C;img src=x');
      expect(page.body).toContain('/__opsg/live.js');
    }
    fs.writeFileSync(file, good);
    expect((await events.next()).event).toBe('reload');
    const fixed = await text(server.url + 'opsg/27/');
    expect(fixed.status).toBe(200);
    expect(fixed.body).not.toContain('opsg-overlay');
    expect(pageText(fixed.body)).toContain('second version');
  });

  it('picks up new, renamed and deleted files; a deleted meeting answers 404', async () => {
    const status = async (at: string) => (await text(server.url + at)).status;
    fs.writeFileSync(path.join(dir, 'content/ssc/ssc-2.md'), meeting({group: 'SSC', meeting: 2, date: '2020-02-15'}));
    await afterReload(events, async () => (await status('ssc/2/')) === 200);
    expect(pageText((await text(server.url)).body)).toContain('SSC meeting 2');

    fs.renameSync(path.join(dir, 'content/ssc/ssc-2.md'), path.join(dir, 'content/ssc/renamed.md'));
    await afterReload(events, async () => server.files().some((file) => file.path === 'content/ssc/renamed.md') && !server.files().some((file) => file.path === 'content/ssc/ssc-2.md'));
    expect(await status('ssc/2/')).toBe(200);

    fs.rmSync(path.join(dir, 'content/ssc/renamed.md'));
    await afterReload(events, async () => (await status('ssc/2/')) === 404);
    const gone = await text(server.url + 'ssc/2/');
    expect(gone.type).toBe('text/html; charset=utf-8');
    expect(pageText(gone.body)).toContain('Page not found');
    expect(pageText((await text(server.url)).body)).not.toContain('SSC meeting 2');
  });

  it('reloads every page when a template changes', async () => {
    const layout = fs.readFileSync(path.join(import.meta.dirname, '../../templates/layout.js'), 'utf8');
    fs.mkdirSync(path.join(dir, 'templates'), {recursive: true});
    fs.writeFileSync(path.join(dir, 'templates/layout.js'), layout.replace("'Skip to content'", "'Skip to the headlines'"));
    await afterReload(events, async () => pageText((await text(server.url + 'ssc/1/')).body).includes('Skip to the headlines'));
    expect(pageText((await text(server.url + 'opsg/27/')).body)).toContain('Skip to the headlines');
  });

  it('refuses path traversal and serves only the built site', async () => {
    for (const raw of ['/../package.json', '/opsg/../../package.json', '/%2e%2e/package.json', '/%2E%2E%2Fpackage.json', '/opsg%2f27/', '/..%5c..%5cpackage.json', '/opsg\\..\\..\\package.json', '/opsg/27/index.html%00', '/./index.html', '//etc/passwd']) {
      const response = await rawGet(server.url, raw);
      expect(response.status, raw).toBe(400);
      expect(response.body, raw).not.toContain('"name": "opsg"');
    }
    expect((await rawGet(server.url, '/opsg.config.json')).status).toBe(404);
    expect((await rawGet(server.url, '/content/opsg/opsg-27.md')).status).toBe(404);
    expect((await rawGet(server.url, '/opsg/27/')).status).toBe(200);
  });

  it('never writes the production site', () => {
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('opsg preview of a site without a config file or templates folder', () => {
  it('still sees content saves, and picks up a config file when one is created', async () => {
    const dir = makeSite({'content/opsg-27.md': meeting()});
    const server = await preview({cwd: dir, port: 0});
    const events = await openEvents(server.url);
    try {
      fs.writeFileSync(path.join(dir, 'content/opsg-27.md'), meeting({items: '4. Major Incident (SECAS/DCC): Saved once.'}));
      await afterReload(events, async () => pageText((await text(server.url + 'opsg/27/')).body).includes('Saved once.'));
      fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({title: 'Headlines in preview'}));
      await afterReload(events, async () => pageText((await text(server.url)).body).includes('Headlines in preview'));
      fs.writeFileSync(path.join(dir, 'opsg.config.json'), '{\n  "title": 5\n}\n');
      await afterReload(events, async () => (await text(server.url)).status === 500);
      expect(pageText((await text(server.url)).body)).toMatch(/opsg\.config\.json:2:3 error .*config-type/);
    } finally {
      events.close();
      await server.close();
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });
});
