import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {check, exampleMeetingPath, initSite, loadSettings} from '../../src/index.js';
import {makeSite, readTree, runCli, tempDir} from '../helpers.js';

const siteFiles = ['.gitignore', 'README.md', exampleMeetingPath, 'opsg.config.json', 'opsg.config.schema.json'];

describe('opsg init', () => {
  it('creates a site that `opsg build` publishes as it stands', () => {
    const dir = tempDir();
    const init = runCli(['init', 'site'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout.split('\n').filter(Boolean).sort()).toEqual(siteFiles.map((name) => `site/${name}`).sort());
    const site = path.join(dir, 'site');
    const build = runCli(['build'], site);
    expect(build.stderr).toContain('built 1 meetings');
    expect(build.code).toBe(0);
    const page = fs.readFileSync(path.join(site, 'dist/opsg/1/index.html'), 'utf8');
    expect(page).toContain('Example: Operations Group (OPSG) Meeting 1');
    expect(page).toContain('id="item-3"');
    const ignore = fs.readFileSync(path.join(site, '.gitignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['dist/', '.opsg-cache/']));
    expect(fs.readFileSync(path.join(site, 'README.md'), 'utf8')).toContain('npx opsg new OPSG');
  });

  it('writes a config that reads without a message, every field described by its schema', async () => {
    const dir = tempDir();
    expect(initSite({cwd: dir}).written.sort()).toEqual([...siteFiles].sort());
    const {settings, configFile} = loadSettings({cwd: dir});
    expect(configFile?.messages).toEqual([]);
    expect(settings.intros.OPSG).toMatch(/^At every meeting, the OPSG/);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'opsg.config.json'), 'utf8')) as Record<string, unknown>;
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'opsg.config.schema.json'), 'utf8')) as {properties: Record<string, {description?: string}>};
    for (const key of Object.keys(config)) expect(schema.properties[key]?.description, key).toBeTruthy();
    const result = await check({cwd: dir});
    expect(result.files.flatMap((f) => f.messages.filter((m) => m.fatal === true || m.fatal === false))).toEqual([]);
    expect(result.published).toEqual(['OPSG 1']);
  });

  it('refuses to overwrite any file, and then writes none', () => {
    const dir = makeSite({'site/.gitignore': 'mine\n'});
    const run = runCli(['init', 'site'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('opsg: Cannot create a site in `site`: `.gitignore` already exists; nothing was written (opsg init never overwrites a file)\n');
    expect([...readTree(path.join(dir, 'site')).entries()].map(([name, bytes]) => [name, bytes.toString()])).toEqual([['.gitignore', 'mine\n']]);
  });
});
