/**
 * `opsg init`: a new site that builds as it stands.
 *
 * Every file is checked before any is written: when one already exists, nothing is
 * written at all, so `init` never half-initialises a folder or overwrites a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import {UsageError, configJsonSchema, defaultGroups, defaultStatement} from '../config.js';
import {frontMatterJsonSchema} from '../front-matter-shape.js';
import {packageRoot} from '../version.js';
import {displayPath, FileExistsError, writeNewFile} from './write-file.js';

/** What `initSite` needs. */
export interface InitOptions {
  /** Working folder; defaults to `process.cwd()`. */
  cwd?: string;
  /** The site's folder, relative to `cwd` (created when missing); default `cwd`. */
  dir?: string;
  /**
   * How the site's package.json names opsg: a tarball made with `npm pack` (copied into the
   * site's `vendor/`, so `npm ci` finds it anywhere), or any npm spec such as a git URL.
   * Default: the running version when it was installed from a registry, else this copy's folder.
   */
  opsg?: string;
}

/** What `initSite` wrote. */
export interface InitResult {
  /** The site folder, relative to the working folder (`.` for the working folder). */
  dir: string;
  /** Files written, relative to the site folder, `/`-separated, in order. */
  written: string[];
  /** The dependency spec of opsg in the site's package.json. */
  opsg: string;
  /** True when that spec is a folder on this machine: fine here, but CI cannot install it. */
  local: boolean;
}

/** The example meeting's path in a new site. */
export const exampleMeetingPath = 'content/opsg/2020/opsg-1.md';

/** The CI workflow's path in a new site. */
export const workflowPath = '.github/workflows/site.yml';

/** The JSON Schema of a meeting's front matter, written beside the config's. */
export const meetingSchemaPath = 'opsg.meeting.schema.json';

/** The CI recipe: README shows this very file, and `init` writes it. */
export function workflowText(): string {
  return fs.readFileSync(path.join(packageRoot, 'recipes/github-pages.yml'), 'utf8');
}

/** Create a new site; throws `UsageError` (and writes nothing) when anything is in the way of its files. */
export function initSite(options: InitOptions = {}): InitResult {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const dir = path.resolve(cwd, options.dir ?? '.');
  const shownDir = displayPath(cwd, dir);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`Cannot create a site in \`${shownDir}\`: it is a file, expected a folder`);
  const dependency = opsgDependency(cwd, dir, options.opsg);
  const files = siteFiles(path.basename(dir), dependency);
  const blocked = Object.keys(files).filter((name) => inTheWay(dir, name));
  if (blocked.length > 0) {
    throw new UsageError(`Cannot create a site in \`${shownDir}\`: ${blocked.map((name) => '`' + name + '`').join(', ')} already ${blocked.length === 1 ? 'exists' : 'exist'}; nothing was written (opsg init never overwrites a file)`);
  }
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    try {
      writeNewFile(path.join(dir, ...name.split('/')), content);
    } catch (error) {
      if (error instanceof FileExistsError) throw new UsageError(`Cannot write \`${name}\` in \`${shownDir}\`: it appeared while opsg was writing; opsg never overwrites a file`);
      throw error;
    }
    written.push(name);
  }
  return {dir: shownDir, written, opsg: dependency.spec, local: dependency.local};
}

/**
 * True when a file cannot be created at `name` below `dir`: something (even a symbolic link
 * to nothing) has its name, or a file has the name of one of its folders.
 */
function inTheWay(dir: string, name: string): boolean {
  const parts = name.split('/');
  for (let index = 1; index <= parts.length; index++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(path.join(dir, ...parts.slice(0, index)));
    } catch {
      return false;
    }
    if (index === parts.length || !stat.isDirectory()) return true;
  }
  return false;
}

/** opsg's entry in the new site's package.json, and any file to copy into the site for it. */
interface Dependency {
  spec: string;
  local: boolean;
  files: Record<string, Uint8Array>;
}

function opsgDependency(cwd: string, dir: string, option: string | undefined): Dependency {
  if (option !== undefined) {
    const file = path.resolve(cwd, option);
    if (/\.(?:tgz|tar\.gz)$/.test(option) && !/^[a-z+]+:/i.test(option)) {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        throw new UsageError(`Cannot read the opsg tarball \`${option}\` (--opsg): make it with \`npm pack\` in opsg's folder`);
      }
      // Inside the site, so that \`npm ci\` installs it on any machine, CI included.
      const name = `vendor/${path.basename(file)}`;
      return {spec: `file:${name}`, local: false, files: {[name]: bytes}};
    }
    return {spec: option, local: false, files: {}};
  }
  const {version} = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string};
  if (installedFromRegistry()) return {spec: `^${version}`, local: false, files: {}};
  const relative = path.relative(dir, packageRoot).split(path.sep).join('/') || '.';
  return {spec: `file:${relative}`, local: true, files: {}};
}

/** True when npm installed this copy of opsg from a registry (its lock entry resolves to a download). */
function installedFromRegistry(): boolean {
  const modules = path.dirname(packageRoot.replace(/[\\/]$/, ''));
  if (path.basename(modules) !== 'node_modules') return false;
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(modules, '.package-lock.json'), 'utf8')) as {packages?: Record<string, {resolved?: string}>};
    const resolved = lock.packages?.['node_modules/opsg']?.resolved ?? '';
    return /^https?:/.test(resolved);
  } catch {
    return false;
  }
}

/** The files of a new site, by path. */
function siteFiles(folder: string, dependency: Dependency): Record<string, string | Uint8Array> {
  const config = {
    $schema: './opsg.config.schema.json',
    title: 'Meeting headlines',
    base: '/',
    content: 'content',
    out: 'dist',
    groups: {...defaultGroups},
    intros: {
      OPSG: 'At every meeting, the OPSG will focus on cross-industry matters that affect, or have the potential to affect, multiple SEC Parties. This month, the OPSG meeting included the following discussions (referenced by agenda item number):',
    },
    classification: {label: 'WHITE', statement: defaultStatement},
    rules: {},
    // The SEC's draft proposals and modification proposals (DP094, MP123) link to their pages.
    autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://smartenergycodecompany.co.uk/?s={match}'}],
    feedLimit: 20,
    printPerGroup: false,
  };
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '') || 'meeting-headlines';
  const manifest = {
    name,
    private: true,
    description: 'Meeting headlines, published with opsg',
    scripts: {build: 'opsg build', check: 'opsg check', preview: 'opsg preview', pdf: 'opsg pdf', new: 'opsg new'},
    devDependencies: {opsg: dependency.spec},
  };
  return {
    'package.json': JSON.stringify(manifest, null, 2) + '\n',
    'opsg.config.json': JSON.stringify(config, null, 2) + '\n',
    'opsg.config.schema.json': JSON.stringify(configJsonSchema(), null, 2) + '\n',
    [meetingSchemaPath]: JSON.stringify(frontMatterJsonSchema(), null, 2) + '\n',
    '.gitignore': '# opsg build output, build cache and PDFs\ndist/\n.opsg-cache/\npdf/\nnode_modules/\n',
    [workflowPath]: workflowText(),
    'README.md': readme,
    [exampleMeetingPath]: exampleMeeting,
    ...dependency.files,
  };
}

const readme = `# Meeting headlines

This site is built with opsg. Each meeting is one Markdown file under \`content/\`; only
documents classified White are ever published.

Next steps:

\`\`\`sh
npm install                       # installs opsg (writes package-lock.json: commit it)
npx opsg new OPSG                 # start the next OPSG meeting (a draft) and print its path
npx opsg import headlines.txt     # bring in headlines written as plain text
npx opsg check --drafts           # check everything, drafts included
npx opsg preview                  # live preview at http://127.0.0.1:4000/
npx opsg build                    # write the site to dist/
\`\`\`

\`${exampleMeetingPath}\` is an invented example that shows the format. It is a draft, so it is
never published: see it with \`npx opsg preview\`, and delete it once the site has a real meeting.
\`${workflowPath}\` checks pull requests and publishes the site with GitHub Pages. \`opsg.config.json\` holds the settings; \`opsg.config.schema.json\`
describes each of them (editors use it to complete and check the file). Add \`url\` once the
site has a public address. \`${meetingSchemaPath}\` describes a meeting's front matter, for
editors and tools that check YAML against a schema; \`npx opsg check\` applies the same rules.
`;

const exampleMeeting = `---
group: OPSG
meeting: 1
date: 2020-01-07
classification: White
status: draft
title: "Example: Operations Group (OPSG) Meeting 1 on 7 January 2020 Headlines"
next_meeting: 2020-02-04
---

This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.

Operations Group (OPSG) Meeting 1 on 7 January 2020 Headlines

This is an invented example created by \`opsg init\` to show the format. It is not a record of any real meeting: delete this file once the site has a real one.

1. About this example (Site owner): Each agenda item starts with its number, its title and its owner in parentheses, then a colon and the headline text.

3. Numbers as written (Site owner): Items keep the numbers from the agenda, gaps included: this item is number 3 on the page.

Further paragraphs belong to the item above until the next numbered item. *[Post Meeting Note: Notes written like this are set apart on the page.]*

5. Publishing (Site owner): Only documents classified White are published. This example is \`status: draft\`, which keeps a meeting off the site while it is being written; a real meeting says \`status: final\`.

Next Regular Meeting Date: 4 February 2020
`;
