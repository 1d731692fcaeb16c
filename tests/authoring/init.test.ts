import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {check, exampleMeetingPath, initSite, loadSettings} from '../../src/index.js';
import {Ajv} from 'ajv';
import {parse as parseYaml} from 'yaml';
import {meetingSchemaPath, workflowPath} from '../../src/authoring/init.js';
import {makeSite, readTree, runCli, tempDir} from '../helpers.js';

const siteFiles = ['.gitignore', 'README.md', exampleMeetingPath, 'opsg.config.json', 'opsg.config.schema.json', meetingSchemaPath, 'package.json', workflowPath];

describe('opsg init', () => {
  it('creates a site that builds as it stands, its example a draft that the build says it left out', () => {
    const dir = tempDir();
    const init = runCli(['init', 'site'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout.split('\n').filter(Boolean).sort()).toEqual(siteFiles.map((name) => `site/${name}`).sort());
    const site = path.join(dir, 'site');
    const build = runCli(['build'], site);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain('Left out: `status: draft`');
    expect(fs.existsSync(path.join(site, 'dist/opsg/1'))).toBe(false);
    expect(runCli(['build', '--drafts'], site).code).toBe(0);
    const page = fs.readFileSync(path.join(site, 'dist/opsg/1/index.html'), 'utf8');
    expect(page).toContain('Example: Operations Group (OPSG) Meeting 1');
    expect(page).toContain('id="item-3"');
    const ignore = fs.readFileSync(path.join(site, '.gitignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['dist/', '.opsg-cache/', 'pdf/']));
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
    const result = await check({cwd: dir, drafts: true});
    expect(result.files.flatMap((f) => f.messages.filter((m) => m.fatal === true || m.fatal === false))).toEqual([]);
    expect((await check({cwd: dir, drafts: true})).published).toEqual(['OPSG 1']);
    // The SEC's proposals link to their pages.
    expect(settings.autolinks.length).toBeGreaterThan(0);
  });

  it('writes the JSON Schema of a meeting’s front matter, which the example meets and a slip does not', () => {
    const dir = tempDir();
    initSite({cwd: dir});
    const validate = new Ajv({allErrors: true}).compile(JSON.parse(fs.readFileSync(path.join(dir, meetingSchemaPath), 'utf8')) as object);
    const text = fs.readFileSync(path.join(dir, exampleMeetingPath), 'utf8');
    const frontMatter = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!, {schema: 'core'}) as Record<string, unknown>;
    expect(validate(frontMatter), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({...frontMatter, classification: 'Whte'})).toBe(false);
    expect(validate({...frontMatter, meeting: 'one'})).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(meetingSchemaPath);
  });

  it('refuses to overwrite any file, and then writes none', () => {
    const dir = makeSite({'site/.gitignore': 'mine\n'});
    const run = runCli(['init', 'site'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('opsg: Cannot create a site in `site`: `.gitignore` already exists; nothing was written (opsg init never overwrites a file)\n');
    expect([...readTree(path.join(dir, 'site')).entries()].map(([name, bytes]) => [name, bytes.toString()])).toEqual([['.gitignore', 'mine\n']]);
  });

  it('counts a dangling symbolic link, or a file where a folder goes, as in the way', () => {
    const dir = tempDir();
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'README.md'));
    expect(() => initSite({cwd: dir})).toThrow(/`README.md` already exists; nothing was written/);
    fs.rmSync(path.join(dir, 'README.md'));
    fs.writeFileSync(path.join(dir, '.github'), 'a file\n');
    expect(() => initSite({cwd: dir})).toThrow(/`\.github\/workflows\/site\.yml` already exists/);
    expect(fs.readdirSync(dir)).toEqual(['.github']);
  });

  it('writes a package.json that installs opsg: a tarball copied into the site, or a spec as given', () => {
    const dir = tempDir();
    const tarball = path.join(dir, 'opsg-9.9.9.tgz');
    fs.writeFileSync(tarball, 'not really a tarball');
    const result = initSite({cwd: dir, dir: 'site', opsg: tarball});
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'site/package.json'), 'utf8')) as {private: boolean; scripts: Record<string, string>; devDependencies: Record<string, string>};
    expect(manifest.private).toBe(true);
    expect(Object.keys(manifest.scripts).sort()).toEqual(['build', 'check', 'new', 'pdf', 'preview']);
    expect(manifest.devDependencies).toEqual({opsg: 'file:vendor/opsg-9.9.9.tgz'});
    expect(fs.readFileSync(path.join(dir, 'site/vendor/opsg-9.9.9.tgz'), 'utf8')).toBe('not really a tarball');
    expect(result.local).toBe(false);
    initSite({cwd: dir, dir: 'other', opsg: 'git+https://example.org/opsg.git'});
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'other/package.json'), 'utf8')).devDependencies).toEqual({opsg: 'git+https://example.org/opsg.git'});
    // From a clone, the clone's folder: it installs here, and init says CI needs more.
    const run = runCli(['init', 'third'], dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'third/package.json'), 'utf8')).devDependencies.opsg).toMatch(/^file:/);
    expect(run.stderr).toContain('for CI, run `npm pack`');
  });
});
