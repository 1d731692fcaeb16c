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
import {parseJson} from './json-positions.js';
import {terminalText} from './report.js';
import {checkValue, toJsonSchema, type Infer, type Problem, type Shape} from './config-schema.js';
import {readBounded} from './read.js';
import {fatal} from './messages.js';
import {rules as allRules} from './rules/index.js';
import {readBrand, type Brand, type BrandConfig} from './branding.js';
import {checkCacheFolder} from './pipeline/cache.js';

/** Severity a rule may be configured to. */
export type Severity = 'off' | 'warn' | 'error';

/** The standard statement for White documents. */
export const defaultStatement =
  'This document is classified as White in accordance with the Panel Information Policy. ' +
  'Information can be shared with the public, and any members may publish the information, subject to copyright.';

/**
 * The config file's shape, declared once: the `ConfigFile` type, the checks (each problem
 * at its own line and column), the defaults and the JSON Schema that `opsg init` writes
 * (`configJsonSchema`) all come from it.
 */
export const configShape = {
  type: 'object',
  doc: 'opsg site configuration; every field is optional.',
  fields: {
    $schema: {type: 'string', doc: 'This schema; ignored by opsg.'},
    title: {type: 'string', doc: 'Site title, shown on every page and in the feed.', default: 'Meeting headlines'},
    url: {type: 'string', format: 'http-url', doc: 'The public address of the site (absolute). Needed for sitemap.xml and absolute URLs in the feed; leave it out until the site has one.'},
    base: {type: 'string', doc: 'Path the site is served from, such as `/` or `/headlines/`.', default: '/'},
    content: {type: 'string', doc: 'Folder of meeting files.', default: 'content'},
    out: {type: 'string', doc: 'Output folder.', default: 'dist'},
    templates: {type: 'string', doc: 'Folder of template overrides.', default: 'templates'},
    cache: {type: 'string', doc: 'Build cache folder: a folder of its own, which opsg marks and prunes.', default: '.opsg-cache'},
    groups: {type: 'record', values: {type: 'string', doc: 'The group’s full name.'}, doc: 'Full group names by group code; the SEC Panel’s groups are known without configuration.'},
    intros: {type: 'record', values: {type: 'string', doc: 'The standard introduction.'}, doc: 'Standard introductions by group code; `opsg new` puts them in each new meeting.'},
    classification: {
      type: 'object',
      doc: 'The wording of the public level (White) on pages.',
      fields: {
        label: {type: 'string', doc: 'Label printed on every page.', default: 'WHITE'},
        statement: {type: 'string', doc: 'Standard classification statement.', default: defaultStatement},
      },
    },
    rules: {
      type: 'record',
      doc: 'Severity per rule id: `off`, `warn` or `error`. Classification rules are always errors.',
      values: {type: 'enum', values: ['off', 'warn', 'error'], doc: 'Severity.'},
      keys: {
        noun: 'rule',
        known: () => allRules.map((rule) => rule.id),
        value: (id, value) => (allRules.find((rule) => rule.id === id)?.locked && value !== 'error' ? `Unexpected severity \`${String(value)}\` for rule \`${id}\`: it guards publishing and is always \`error\`` : undefined),
        schema: (id) => {
          const rule = allRules.find((candidate) => candidate.id === id);
          return {enum: rule?.locked ? ['error'] : ['off', 'warn', 'error'], description: rule?.description};
        },
      },
    },
    autolinks: {
      type: 'array',
      doc: 'References matching `pattern` become links to `url` (`{match}` is the reference, `{lower}` the same in lower case).',
      items: {
        type: 'object',
        doc: 'One kind of reference.',
        required: ['pattern', 'url'],
        fields: {
          pattern: {type: 'string', format: 'regexp', doc: 'Regular expression, matched on whole words (`DP\\d{3}`).'},
          url: {type: 'string', doc: 'URL template: `{match}` is the matched text, `{lower}` the same in lower case.'},
        },
      },
    },
    feedLimit: {type: 'integer', minimum: 1, doc: 'How many meetings the feed lists.', default: 20},
    printPerGroup: {type: 'boolean', doc: 'Also write one combined print page per group.', default: false},
    fileTimeout: {type: 'number', exclusiveMinimum: 0, maximum: 3600, doc: 'Seconds one file’s checks may take before the file is stopped and reported (`content-timeout`).', default: 10},
    nextMeetingLabels: {
      type: 'array',
      doc: 'Labels that start a next-meeting line after the last agenda item, matched in any case; by default `Next Regular Meeting Date`, `Next Reporting Meeting` and `Next meeting`.',
      items: {type: 'string', doc: 'A label, such as `Next meeting`.'},
    },
    search: {type: 'boolean', doc: 'Build the search index and show the search box.', default: true},
    brand: {
      type: 'object',
      doc: 'Branding without code: organisation name, logo, primary colour, footer text and links.',
      fields: {
        organisation: {type: 'string', doc: 'The organisation’s name, shown in the header and on print pages.'},
        logo: {type: 'string', doc: 'An SVG, PNG, JPEG or WebP logo file, relative to the config file; copied into the site under a name that changes with its content.'},
        colour: {type: 'string', doc: 'Primary colour, `#rrggbb` or `#rgb`, under white text: at least 4.5:1 contrast (WCAG AA).'},
        footer: {
          type: 'object',
          doc: 'The footer’s own text and links.',
          fields: {
            text: {type: 'string', doc: 'Footer text.'},
            links: {
              type: 'array',
              doc: 'Footer links, in order.',
              items: {
                type: 'object',
                doc: 'One footer link.',
                required: ['text', 'url'],
                fields: {
                  text: {type: 'string', doc: 'The link’s text.'},
                  url: {type: 'string', doc: 'An absolute http(s), mailto or tel URL.'},
                },
              },
            },
          },
        },
      },
    },
  },
} as const satisfies Shape;

/** The site config file as written (`opsg.config.json`); every field optional. */
export type ConfigFile = Infer<typeof configShape>;

/** A reference pattern that becomes a link (`DP\d{3}` → a proposal page). */
export type AutoLink = ConfigFile['autolinks'] extends Array<infer A> | undefined ? A : never;

/** The JSON Schema of `opsg.config.json` (draft-07), for `opsg init` to write beside it: editors show each field's description and check its type. */
export function configJsonSchema(): Record<string, unknown> {
  return {$schema: 'http://json-schema.org/draft-07/schema#', title: 'opsg site configuration', ...toJsonSchema(configShape)};
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
  /** Also print each published meeting to PDF beside its print page (`build --pdf`). */
  pdf?: boolean;
  /** Link pages as folders (`opsg/27/`) for a web server, instead of as files that also open from disk. */
  cleanUrls?: boolean;
  /** Called as files are checked and pages written (and PDFs printed), for a progress display. */
  onProgress?: import('./progress.js').OnProgress;
  /** False to build without search (overrides the config). */
  search?: boolean;
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
  /** Next-meeting line labels, when configured. */
  nextMeetingLabels?: string[];
  /** Build the search index and show the search box. */
  search: boolean;
  /** Include drafts. */
  drafts: boolean;
  /** Leave restricted documents out. */
  excludeRestricted: boolean;
  /** Replace a folder opsg did not create. */
  force: boolean;
  /** Worker threads. */
  jobs: number;
  /** Print each published meeting to PDF beside its print page, and link it. */
  pdf: boolean;
  /** The brand, checked, with its logo read; undefined when the config sets none. */
  brand: Brand | undefined;
  /** Links between pages name folders (`opsg/27/`) rather than files (`opsg/27/index.html`). */
  cleanUrls: boolean;
  /** Seconds one file's checks may take (`content-timeout` after that). */
  fileTimeout: number;
}

/** Misuse of options: the CLI exits 2 with this sentence. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The sentence, with any control character in it (a path the user typed, a file name) shown escaped. */
  constructor(message: string) {
    super(terminalText(message));
  }
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

/** Largest config file opsg reads: a config is a few hundred bytes. */
export const maxConfigBytes = 1024 * 1024;

/** Config file name looked up in the working folder. */
export const configName = 'opsg.config.json';

// The brand as `readConfig` checked it (logo read once), for `resolveSettings`; undefined
// when it had problems, which are then errors on the config file.
const checkedBrands = new WeakMap<ConfigFile, Brand | undefined>();

/** Read the config file (if any) into a vfile carrying its problems, and its values (each wrong one left out). */
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
  const parsed = parseJson(text);
  if ('error' in parsed) {
    fatal(file, `Cannot parse config file: ${parsed.error}`, parsed.place, 'config-syntax');
    return {file, config: {}};
  }
  for (const pointer of parsed.duplicates) {
    fatal(file, `Unexpected second \`${pointer.slice(1).replaceAll('/', '.')}\`, expected each key once`, parsed.places.get(pointer)?.key, 'config-key');
  }
  const problems: Problem[] = [];
  const config = (checkValue(parsed.value, configShape, parsed.places, problems) ?? {}) as ConfigFile;
  for (const problem of problems) fatal(file, problem.reason, problem.place ?? {line: 1, column: 1}, problem.ruleId);
  // The brand's shape is checked above; its meaning (contrast, the logo file, safe links) here.
  checkedBrands.set(config, readBrand(file, config.brand, path.dirname(configPath)));
  return {file, config};
}

/** Settings and the config file they were read from. */
export interface LoadedSettings {
  /** The normalised settings. */
  settings: Settings;
  /** The config file, carrying its problems; undefined when there is none. */
  configFile: VFile | undefined;
}

/**
 * The one place settings are made, for every command and the preview: the config file
 * read, then its values and the options normalised together. Throws `UsageError` on misuse;
 * the config file's own problems ride on `configFile`.
 */
export function loadSettings(options: BuildOptions = {}): LoadedSettings {
  const {file, config} = readConfig(options.cwd ?? process.cwd(), options.config);
  return {settings: resolveSettings(options, config, file?.path), configFile: file};
}

/** Normalise the config file and options into settings; throws `UsageError` on misuse. */
export function resolveSettings(options: BuildOptions, config: ConfigFile, configPath: string | undefined): Settings {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const content = path.resolve(cwd, options.content ?? config.content ?? fields.content.default);
  const out = path.resolve(cwd, options.out ?? config.out ?? fields.out.default);
  const templatesOption = options.templates ?? config.templates;
  const templates = path.resolve(cwd, templatesOption ?? fields.templates.default);
  // A folder named on purpose must exist; the default one is optional.
  if (templatesOption !== undefined && !isFolder(templates)) throw new UsageError(`Cannot find templates folder \`${templatesOption}\``);
  const cacheOption = options.cache ?? config.cache ?? fields.cache.default;
  const base = normaliseBase(options.base ?? config.base ?? fields.base.default);
  checkOut(cwd, content, out);
  if (cacheOption !== false) checkCache(cwd, path.resolve(cwd, cacheOption), out, content);
  return {
    cwd,
    configPath,
    content,
    out,
    templates: isFolder(templates) ? templates : undefined,
    cache: cacheOption === false ? undefined : path.resolve(cwd, cacheOption),
    title: config.title ?? fields.title.default,
    url: config.url?.replace(/\/+$/, ''),
    base,
    groups: {...defaultGroups, ...config.groups},
    intros: {...config.intros},
    label: config.classification?.label ?? fields.classification.fields.label.default,
    statement: config.classification?.statement ?? fields.classification.fields.statement.default,
    rules: {...config.rules},
    autolinks: config.autolinks ?? [],
    feedLimit: config.feedLimit ?? fields.feedLimit.default,
    printPerGroup: config.printPerGroup ?? fields.printPerGroup.default,
    ...(config.nextMeetingLabels ? {nextMeetingLabels: config.nextMeetingLabels.filter((label) => label.trim() !== '')} : {}),
    search: options.search ?? config.search ?? fields.search.default,
    drafts: options.drafts ?? false,
    excludeRestricted: options.excludeRestricted ?? false,
    force: options.force ?? false,
    jobs: options.jobs ?? os.availableParallelism(),
    pdf: options.pdf ?? false,
    brand: config.brand === undefined ? undefined : (checkedBrands.has(config) ? checkedBrands.get(config) : brandOf(config.brand, path.resolve(cwd, configPath ?? configName))),
    cleanUrls: options.cleanUrls ?? false,
    fileTimeout: options.fileTimeout ?? config.fileTimeout ?? fields.fileTimeout.default,
  };
}

/** A brand given in code rather than read by `readConfig`: checked the same way, its problems a `UsageError`. */
function brandOf(value: BrandConfig, configPath: string): Brand | undefined {
  const file = new VFile({path: configPath, value: JSON.stringify({brand: value}, null, 2)});
  const brand = readBrand(file, value, path.dirname(configPath));
  if (file.messages.length > 0) throw new UsageError(file.messages.map((message) => message.reason).join('; '));
  return brand;
}

const fields = configShape.fields;

function isFolder(full: string): boolean {
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
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
  if (inside(cache, out)) throw new UsageError(`Cannot use --cache \`${name}\` inside --out \`${path.relative(cwd, out) || '.'}\`: the cache holds documents that are not published`);
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
