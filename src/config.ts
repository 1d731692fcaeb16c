/**
 * Config file + flags → one normalised `Settings` object.
 *
 * Problems in the config file are vfile messages on that file (with line and column);
 * misuse of options (a missing folder, an output folder that would clobber the content)
 * is a `UsageError` with a plain sentence, which the CLI turns into exit code 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {VFile} from 'vfile';
import {location} from 'vfile-location';
import {closest} from './suggest.js';
import {readBounded} from './read.js';
import {fatal} from './messages.js';
import {rules as allRules} from './rules/index.js';
import {checkCacheFolder} from './pipeline/cache.js';

/** Severity a rule may be configured to. */
export type Severity = 'off' | 'warn' | 'error';

/** A reference pattern that becomes a link (`DP\d{3}` → a proposal page). */
export interface AutoLink {
  /** Regular expression source, matched on whole words. */
  pattern: string;
  /** URL template: `{match}` is the matched text, `{lower}` the same in lower case. */
  url: string;
}

/** The site config file as written (`opsg.config.json`); every field optional. */
export interface ConfigFile {
  /** Site title. */
  title?: string;
  /** The public URL of the site (absolute, for the feed and sitemap). */
  url?: string;
  /** Path the site is served from (`/` or `/headlines/`). */
  base?: string;
  /** Content folder. */
  content?: string;
  /** Output folder. */
  out?: string;
  /** Folder of template overrides. */
  templates?: string;
  /** Build cache folder. */
  cache?: string;
  /** Group codes to full names. */
  groups?: Record<string, string>;
  /** Standard introductions by group code, used by `opsg new`. */
  intros?: Record<string, string>;
  /** The public level's wording on pages. */
  classification?: {label?: string; statement?: string};
  /** Rule severities by rule id. */
  rules?: Record<string, Severity>;
  /** Reference auto-links. */
  autolinks?: AutoLink[];
  /** How many meetings the feed lists. */
  feedLimit?: number;
  /** Also write one combined print page per group. */
  printPerGroup?: boolean;
  /** Seconds one file's checks may take before the file is stopped and reported. */
  fileTimeout?: number;
  /** JSON schema reference, ignored. */
  $schema?: string;
}

/** Options a caller passes (the CLI's flags, or a library user's object). */
export interface BuildOptions {
  /** Working folder; defaults to `process.cwd()`. */
  cwd?: string;
  /** Config file path; defaults to `opsg.config.json` when it exists. */
  config?: string;
  /** Content folder (overrides the config). */
  content?: string;
  /** Output folder (overrides the config). */
  out?: string;
  /** Base path (overrides the config). */
  base?: string;
  /** Template override folder (overrides the config). */
  templates?: string;
  /** Include drafts. */
  drafts?: boolean;
  /** Leave restricted documents out instead of failing. */
  excludeRestricted?: boolean;
  /** Replace an output folder opsg did not create. */
  force?: boolean;
  /** Worker threads (1 = in process). */
  jobs?: number;
  /** Cache folder, or false for none. */
  cache?: string | false;
  /** Seconds one file's checks may take (overrides the config). */
  fileTimeout?: number;
}

/** Everything a run needs, normalised, with absolute paths. */
export interface Settings {
  /** Working folder. */
  cwd: string;
  /** Config file path, when one was read. */
  configPath: string | undefined;
  /** Content folder (absolute). */
  content: string;
  /** Output folder (absolute). */
  out: string;
  /** Override templates folder (absolute), if it exists. */
  templates: string | undefined;
  /** Cache folder (absolute), or undefined for none. */
  cache: string | undefined;
  /** Site title. */
  title: string;
  /** Absolute site URL without trailing slash, if configured. */
  url: string | undefined;
  /** Base path, starting and ending with `/`. */
  base: string;
  /** Group code → full name. */
  groups: Record<string, string>;
  /** Group code → standard introduction. */
  intros: Record<string, string>;
  /** Label for the public level (`WHITE`). */
  label: string;
  /** Standard statement for the public level. */
  statement: string;
  /** Rule severities (only overrides). */
  rules: Record<string, Severity>;
  /** Reference auto-links. */
  autolinks: AutoLink[];
  /** Feed length. */
  feedLimit: number;
  /** Combined print page per group. */
  printPerGroup: boolean;
  /** Include drafts. */
  drafts: boolean;
  /** Leave restricted documents out. */
  excludeRestricted: boolean;
  /** Replace a folder opsg did not create. */
  force: boolean;
  /** Worker threads. */
  jobs: number;
  /** Seconds one file's checks may take (`content-timeout` after that). */
  fileTimeout: number;
}

/** Misuse of options: the CLI exits 2 with this sentence. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The SEC Panel's groups, used when the config names none. */
export const defaultGroups: Readonly<Record<string, string>> = {
  PANEL: 'SEC Panel',
  OPSG: 'Operations Group',
  SSC: 'Security Sub-Committee',
  TABASC: 'Technical Architecture and Business Architecture Sub-Committee',
  CB: 'Change Board',
  PMA: 'SMKI Policy Management Authority',
  TSIRS: 'Testing and Systems Integration Review Subgroup',
};

/** The standard statement for White documents. */
export const defaultStatement =
  'This document is classified as White in accordance with the Panel Information Policy. ' +
  'Information can be shared with the public, and any members may publish the information, subject to copyright.';

/**
 * Seconds one file's checks may take. A realistic 2 MB file takes under a second; a file
 * made to make a parser backtrack would take hours.
 */
export const defaultFileTimeout = 10;

/** Largest config file opsg reads: a config is a few hundred bytes. */
export const maxConfigBytes = 1024 * 1024;

/** Config file name looked up in the working folder. */
export const configName = 'opsg.config.json';

const knownKeys = [
  '$schema', 'title', 'url', 'base', 'content', 'out', 'templates', 'cache', 'groups', 'intros',
  'classification', 'rules', 'autolinks', 'feedLimit', 'printPerGroup', 'fileTimeout',
];

/** Read the config file (if any) into a vfile carrying its problems, and its values. */
export function readConfig(cwd: string, configOption: string | undefined): {file: VFile | undefined; config: ConfigFile} {
  const configPath = configOption === undefined ? path.join(cwd, configName) : path.resolve(cwd, configOption);
  // Bounded (read.ts): `--config /dev/zero` or a FIFO is refused at once.
  const read = readBounded(configPath, maxConfigBytes);
  if (!('bytes' in read)) {
    if (configOption === undefined && read.code === 'ENOENT') return {file: undefined, config: {}};
    throw new UsageError(`Cannot read config file \`${path.relative(cwd, configPath) || configPath}\`: ${read.detail}`);
  }
  const text = read.bytes.toString('utf8');
  const file = new VFile({path: path.relative(cwd, configPath) || configPath, value: text, cwd});
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // V8 names the offending offset, except when the text simply ends too soon.
    const offset = /position (\d+)/.exec(reason);
    const place = location(file).toPoint(offset ? Number(offset[1]) : text.trimEnd().length);
    fatal(file, `Cannot parse config file: ${reason.replace(/ in JSON at position \d+.*$/, '')}`, place, 'config-syntax');
    return {file, config: {}};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fatal(file, 'Unexpected config file content, expected a JSON object', {line: 1, column: 1}, 'config-syntax');
    return {file, config: {}};
  }
  const config = parsed as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!knownKeys.includes(key)) {
      const near = closest(key, knownKeys);
      fatal(file, `Unexpected config key \`${key}\`${near ? `, did you mean \`${near}\`?` : `, expected one of ${knownKeys.slice(1).map((k) => '`' + k + '`').join(', ')}`}`, keyPlace(file, key), 'config-key');
    }
  }
  checkTypes(file, config);
  return {file, config: config as ConfigFile};
}

function checkTypes(file: VFile, config: Record<string, unknown>): void {
  const strings = ['title', 'url', 'base', 'content', 'out', 'templates', 'cache'];
  for (const key of strings) {
    if (key in config && typeof config[key] !== 'string') fatal(file, `Unexpected value of \`${key}\`, expected a string`, keyPlace(file, key), 'config-type');
  }
  for (const key of ['groups', 'intros', 'rules', 'classification']) {
    const value = config[key];
    if (key in config && (typeof value !== 'object' || value === null || Array.isArray(value))) fatal(file, `Unexpected value of \`${key}\`, expected an object`, keyPlace(file, key), 'config-type');
  }
  if ('url' in config && typeof config.url === 'string' && !/^https?:\/\/[^/\s]+/.test(config.url)) {
    fatal(file, `Unexpected \`url\` \`${config.url}\`, expected an absolute http(s) URL`, keyPlace(file, 'url'), 'config-type');
  }
  if ('autolinks' in config) {
    const list = config.autolinks;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'object' && x !== null && typeof x.pattern === 'string' && typeof x.url === 'string')) {
      fatal(file, 'Unexpected value of `autolinks`, expected an array of `{"pattern": "…", "url": "…"}`', keyPlace(file, 'autolinks'), 'config-type');
    } else {
      for (const entry of list as AutoLink[]) {
        try {
          new RegExp(entry.pattern, 'u');
        } catch {
          fatal(file, `Unexpected autolink pattern \`${entry.pattern}\`, expected a regular expression`, keyPlace(file, 'autolinks'), 'config-type');
        }
      }
    }
  }
  const rules = config.rules;
  if (typeof rules === 'object' && rules !== null) {
    for (const [id, value] of Object.entries(rules)) {
      const rule = allRules.find((candidate) => candidate.id === id);
      if (!rule) {
        const near = closest(id, allRules.map((candidate) => candidate.id));
        fatal(file, `Unexpected rule \`${id}\`${near ? `, did you mean \`${near}\`?` : ', expected a rule id such as `agenda-item-owner`'}`, keyPlace(file, id), 'config-key');
      } else if (value !== 'off' && value !== 'warn' && value !== 'error') {
        fatal(file, `Unexpected severity \`${String(value)}\` for rule \`${id}\`, expected \`off\`, \`warn\` or \`error\``, keyPlace(file, id), 'config-type');
      } else if (rule.locked && value !== 'error') {
        fatal(file, `Unexpected severity \`${value}\` for rule \`${id}\`: it guards publishing and is always \`error\``, keyPlace(file, id), 'config-type');
      }
    }
  }
  if ('feedLimit' in config && !(Number.isInteger(config.feedLimit) && (config.feedLimit as number) > 0)) fatal(file, 'Unexpected value of `feedLimit`, expected a positive integer', keyPlace(file, 'feedLimit'), 'config-type');
  if ('printPerGroup' in config && typeof config.printPerGroup !== 'boolean') fatal(file, 'Unexpected value of `printPerGroup`, expected `true` or `false`', keyPlace(file, 'printPerGroup'), 'config-type');
}

/** Where `"key":` first stands in the file, or the start. */
function keyPlace(file: VFile, key: string): {line: number; column: number} {
  const offset = String(file.value).indexOf(JSON.stringify(key));
  return offset === -1 ? {line: 1, column: 1} : (location(file).toPoint(offset) ?? {line: 1, column: 1});
}

/** Normalise the config file and options into settings; throws `UsageError` on misuse. */
export function resolveSettings(options: BuildOptions, config: ConfigFile, configPath: string | undefined): Settings {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const content = path.resolve(cwd, options.content ?? config.content ?? 'content');
  const out = path.resolve(cwd, options.out ?? config.out ?? 'dist');
  const templatesOption = options.templates ?? config.templates;
  const templates = templatesOption === undefined ? path.join(cwd, 'templates') : path.resolve(cwd, templatesOption);
  const cacheOption = options.cache ?? config.cache ?? '.opsg-cache';
  const base = normaliseBase(options.base ?? config.base ?? '/');
  checkOut(cwd, content, out);
  if (cacheOption !== false) checkCache(cwd, path.resolve(cwd, cacheOption), out, content);
  return {
    cwd,
    configPath,
    content,
    out,
    templates: fs.existsSync(templates) ? templates : undefined,
    cache: cacheOption === false ? undefined : path.resolve(cwd, cacheOption),
    title: config.title ?? 'Meeting headlines',
    url: config.url?.replace(/\/+$/, ''),
    base,
    groups: {...defaultGroups, ...config.groups},
    intros: {...config.intros},
    label: config.classification?.label ?? 'WHITE',
    statement: config.classification?.statement ?? defaultStatement,
    rules: {...config.rules},
    autolinks: config.autolinks ?? [],
    feedLimit: config.feedLimit ?? 20,
    printPerGroup: config.printPerGroup ?? false,
    drafts: options.drafts ?? false,
    excludeRestricted: options.excludeRestricted ?? false,
    force: options.force ?? false,
    jobs: options.jobs ?? os.availableParallelism(),
    fileTimeout: options.fileTimeout ?? config.fileTimeout ?? defaultFileTimeout,
  };
}

function normaliseBase(base: string): string {
  if (/^[a-z]+:/i.test(base) || base.includes('\\') || base.split('/').some((s) => s === '..' || s === '.')) {
    throw new UsageError(`Cannot use base \`${base}\`, expected a path such as \`/\` or \`/headlines/\``);
  }
  return ('/' + base + '/').replace(/\/{2,}/g, '/');
}

/**
 * Refuse a cache folder that opsg could not safely prune: the file system root, the home,
 * project or content folder or any folder holding one of them, a folder inside the output
 * (the cache holds every document it has read, restricted ones included, and nothing in
 * the output folder may be unpublished), and a non-empty folder opsg did not create.
 */
function checkCache(cwd: string, cache: string, out: string, content: string): void {
  const name = path.relative(cwd, cache) || '.';
  const refuse = (why: string) => {
    throw new UsageError(`Cannot use --cache \`${name}\`: ${why}; name a folder of its own such as \`.opsg-cache\``);
  };
  if (cache === path.parse(cache).root) refuse('it is the file system root');
  if (inside(os.homedir(), cache)) refuse(cache === os.homedir() ? 'it is the home folder' : 'it contains the home folder');
  if (inside(cwd, cache)) refuse(cache === cwd ? 'it is the project folder' : 'it contains the project folder');
  if (inside(content, cache) || inside(cache, content)) refuse(cache === content ? 'it is the content folder' : inside(content, cache) ? 'it contains the content folder' : 'it is inside the content folder');
  if (inside(cache, out)) refuse(`it is inside --out \`${path.relative(cwd, out) || '.'}\`: the cache holds documents that are not published`);
  if (inside(out, cache)) refuse(`it contains --out \`${path.relative(cwd, out) || '.'}\``);
  checkCacheFolder(cache, name);
}

/** Whether `child` is `parent` or inside it. */
function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Refuse output folders that would destroy something that is not ours. */
function checkOut(cwd: string, content: string, out: string): void {
  const name = path.relative(cwd, out) || '.';
  if (out === path.parse(out).root) throw new UsageError(`Cannot use --out \`${name}\`: it is the file system root`);
  if (out === os.homedir()) throw new UsageError(`Cannot use --out \`${name}\`: it is the home folder`);
  if (out === cwd) throw new UsageError(`Cannot use --out \`${name}\`: it is the project folder`);
  if (inside(out, content)) throw new UsageError(`Cannot use --out \`${name}\` inside --content \`${path.relative(cwd, content)}\``);
  if (inside(content, out)) throw new UsageError(`Cannot use --out \`${name}\`: it contains --content \`${path.relative(cwd, content)}\``);
}
