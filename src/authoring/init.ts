/**
 * `opsg init`: a new site that builds as it stands.
 *
 * Every file is checked before any is written: when one already exists, nothing is
 * written at all, so `init` never half-initialises a folder or overwrites a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import {UsageError, defaultGroups, defaultStatement} from '../config.js';
import {rules} from '../rules/index.js';
import {displayPath, FileExistsError, writeNewFile} from './write-file.js';

/** What `initSite` needs. */
export interface InitOptions {
  /** Working folder; defaults to `process.cwd()`. */
  cwd?: string;
  /** The site's folder, relative to `cwd` (created when missing); default `cwd`. */
  dir?: string;
}

/** What `initSite` wrote. */
export interface InitResult {
  /** The site folder, relative to the working folder (`.` for the working folder). */
  dir: string;
  /** Files written, relative to the site folder, `/`-separated, in order. */
  written: string[];
}

/** The example meeting's path in a new site. */
export const exampleMeetingPath = 'content/opsg/2020/opsg-1.md';

/** Create a new site; throws `UsageError` (and writes nothing) when any of its files exists. */
export function initSite(options: InitOptions = {}): InitResult {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const dir = path.resolve(cwd, options.dir ?? '.');
  const shownDir = displayPath(cwd, dir);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`Cannot create a site in \`${shownDir}\`: it is a file, expected a folder`);
  const files = siteFiles();
  const existing = Object.keys(files).filter((name) => fs.existsSync(path.join(dir, name)));
  if (existing.length > 0) {
    throw new UsageError(`Cannot create a site in \`${shownDir}\`: ${existing.map((name) => '`' + name + '`').join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was written (opsg init never overwrites a file)`);
  }
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    try {
      writeNewFile(path.join(dir, ...name.split('/')), text);
    } catch (error) {
      if (error instanceof FileExistsError) throw new UsageError(`Cannot write \`${name}\` in \`${shownDir}\`: it appeared while opsg was writing; opsg never overwrites a file`);
      throw error;
    }
    written.push(name);
  }
  return {dir: shownDir, written};
}

/** The files of a new site, by path. */
function siteFiles(): Record<string, string> {
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
    autolinks: [],
    feedLimit: 20,
    printPerGroup: false,
  };
  return {
    'opsg.config.json': JSON.stringify(config, null, 2) + '\n',
    'opsg.config.schema.json': JSON.stringify(configSchema(), null, 2) + '\n',
    '.gitignore': '# opsg build output and build cache\ndist/\n.opsg-cache/\nnode_modules/\n',
    'README.md': readme,
    [exampleMeetingPath]: exampleMeeting,
  };
}

/** A JSON schema for `opsg.config.json`: editors show each field's description and check its type. */
function configSchema(): Record<string, unknown> {
  const severity = {enum: ['off', 'warn', 'error']};
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'opsg site configuration',
    description: 'Every field is optional.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: {type: 'string', description: 'This schema; ignored by opsg.'},
      title: {type: 'string', description: 'Site title, shown on every page and in the feed.'},
      url: {type: 'string', pattern: '^https?://', description: 'The public address of the site (absolute). Needed for sitemap.xml and absolute URLs in the feed; leave it out until the site has one.'},
      base: {type: 'string', description: 'Path the site is served from, such as `/` or `/headlines/`.'},
      content: {type: 'string', description: 'Folder of meeting files (default `content`).'},
      out: {type: 'string', description: 'Output folder (default `dist`).'},
      templates: {type: 'string', description: 'Folder of template overrides (default `templates`).'},
      cache: {type: 'string', description: 'Build cache folder (default `.opsg-cache`).'},
      groups: {type: 'object', additionalProperties: {type: 'string'}, description: 'Full group names by group code; the SEC Panel’s groups are known without configuration.'},
      intros: {type: 'object', additionalProperties: {type: 'string'}, description: 'Standard introductions by group code; `opsg new` puts them in each new meeting.'},
      classification: {
        type: 'object',
        additionalProperties: false,
        description: 'The wording of the public level (White) on pages.',
        properties: {label: {type: 'string', description: 'Label printed on every page (default `WHITE`).'}, statement: {type: 'string', description: 'Standard classification statement.'}},
      },
      rules: {type: 'object', description: 'Severity per rule id: `off`, `warn` or `error`. Classification rules are always errors.', properties: Object.fromEntries(rules.map((rule) => [rule.id, {...(rule.locked ? {enum: ['error']} : severity), description: rule.description}])), additionalProperties: false},
      autolinks: {
        type: 'array',
        description: 'References matching `pattern` become links to `url` (`{match}` is the reference, `{lower}` the same in lower case).',
        items: {type: 'object', required: ['pattern', 'url'], additionalProperties: false, properties: {pattern: {type: 'string'}, url: {type: 'string'}}},
      },
      feedLimit: {type: 'integer', minimum: 1, description: 'How many meetings the feed lists (default 20).'},
      printPerGroup: {type: 'boolean', description: 'Also write one combined print page per group (default false).'},
      search: {type: 'boolean', description: 'Build the search index and show the search box (default true).'},
    },
  };
}

const readme = `# Meeting headlines

This site is built with opsg. Each meeting is one Markdown file under \`content/\`; only
documents classified White are ever published.

Next steps:

\`\`\`sh
npx opsg new OPSG                 # start the next OPSG meeting (a draft) and print its path
npx opsg import headlines.txt     # bring in headlines written as plain text
npx opsg check --drafts           # check everything, drafts included
npx opsg preview                  # live preview at http://127.0.0.1:4000/
npx opsg build                    # write the site to dist/
\`\`\`

\`${exampleMeetingPath}\` is an invented example that shows the format: delete it once the
site has a real meeting. \`opsg.config.json\` holds the settings; \`opsg.config.schema.json\`
describes each of them (editors use it to complete and check the file). Add \`url\` once the
site has a public address.
`;

const exampleMeeting = `---
group: OPSG
meeting: 1
date: 2020-01-07
classification: White
status: final
title: "Example: Operations Group (OPSG) Meeting 1 on 7 January 2020 Headlines"
next_meeting: 2020-02-04
---

This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.

Operations Group (OPSG) Meeting 1 on 7 January 2020 Headlines

This is an invented example created by \`opsg init\` to show the format. It is not a record of any real meeting: delete this file once the site has a real one.

1. About this example (Site owner): Each agenda item starts with its number, its title and its owner in parentheses, then a colon and the headline text.

3. Numbers as written (Site owner): Items keep the numbers from the agenda, gaps included: this item is number 3 on the page.

Further paragraphs belong to the item above until the next numbered item. *[Post Meeting Note: Notes written like this are set apart on the page.]*

5. Publishing (Site owner): Only documents classified White are published. Set \`status: draft\` to keep a meeting off the site while it is being written.

Next Regular Meeting Date: 4 February 2020
`;
