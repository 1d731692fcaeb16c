/**
 * Templates: JavaScript modules that return hast, plus two stylesheets. A site owner
 * overrides any of them by putting a file of the same name in the site's templates
 * folder. hast trees are serialised by rehype-stringify, which escapes every text and
 * attribute value: templates never build HTML strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {h} from 'hastscript';
import type {ElementContent, Root} from 'hast';
import type {Settings} from './config.js';
import {readBoundedText} from './read.js';
import type {GroupView, MeetingView, SiteView} from './view.js';
import type {SearchPage, ThreadPage, TopicsPage, YearPage} from './site/pages.js';

/** The folder of built-in templates. */
export const builtinTemplates = fileURLToPath(new URL('../templates/', import.meta.url));

/** What `layout` receives from a page template. */
export interface LayoutPage {
  /** The `<title>`. */
  title: string;
  /** Children of `<main>`. */
  main: Array<ElementContent | null | undefined>;
  /** Add `<meta name="robots" content="noindex">`. */
  noindex?: boolean;
  /** Show the DRAFT banner. */
  draft?: boolean;
  /** The meta description. */
  description?: string;
}

/** What `print` receives. */
export interface PrintDocument {
  /** The document title. */
  title: string;
  /** The meetings, newest first (for a combined document, possibly a month of them at a time). */
  meetings: MeetingView[];
  /** Whether this is a document of several meetings (their anchors are prefixed). */
  combined: boolean;
  /** Whether any meeting of the whole document is a draft. */
  draft: boolean;
}

/** The second argument of every template. */
export interface TemplateContext {
  /** hastscript's `h`. */
  h: typeof h;
  /** A site path (`opsg/27/`, `assets/style.css`, `` for home) → href from the current page. */
  url: (sitePath: string) => string;
  /** Site-wide values. */
  site: SiteView;
  /** Site paths of the hashed stylesheets, and of the search script when search is on. */
  assets: {style: string; print: string; search?: string | undefined};
  /** Templates that other templates call, each overridable like the others. */
  partials: {meetingList: MeetingList};
}

/** `meeting-list.js`: a group's meetings by year, for the home page and the group pages. */
export type MeetingList = (group: GroupView, yearHeading: 'h2' | 'h3', ctx: TemplateContext) => ElementContent[];

/** The loaded template set. */
export interface Templates {
  /** Page shell. */
  layout: (page: LayoutPage, ctx: TemplateContext) => Root;
  /** Home page. */
  index: (site: SiteView, ctx: TemplateContext) => LayoutPage;
  /** Group page. */
  group: (group: GroupView, ctx: TemplateContext) => LayoutPage;
  /** Meeting page. */
  meeting: (meeting: MeetingView, ctx: TemplateContext) => LayoutPage;
  /** Print document. */
  print: (doc: PrintDocument, ctx: TemplateContext) => Root;
  /** 404 page. */
  notFound: (site: SiteView, ctx: TemplateContext) => LayoutPage;
  /** A group's meetings of one year. */
  year: (page: YearPage, ctx: TemplateContext) => LayoutPage;
  /** One page of a thread (a reference's or an owner's items across meetings). */
  thread: (page: ThreadPage, ctx: TemplateContext) => LayoutPage;
  /** The index of every reference and owner. */
  topics: (page: TopicsPage, ctx: TemplateContext) => LayoutPage;
  /** The search page. */
  search: (page: SearchPage, ctx: TemplateContext) => LayoutPage;
  /** A group's meetings by year (a partial: templates call it through `ctx.partials`). */
  meetingList: MeetingList;
  /** Screen stylesheet text. */
  style: string;
  /** Print stylesheet text, label filled in. */
  print_css: string;
  /** A hash of every template file used, for cache keys. */
  hash: string;
  /** Whether any template module comes from the site's own folder. */
  overridden: boolean;
}

const modules = {layout: 'layout.js', index: 'index.js', group: 'group.js', meeting: 'meeting.js', print: 'print.js', notFound: 'not-found.js', meetingList: 'meeting-list.js',
  year: 'year.js', thread: 'thread.js', topics: 'topics.js', search: 'search.js'} as const;

/** Where a template comes from: the site's folder if it has the file, else the built-in one. */
export function templatePath(settings: Settings, name: string): string {
  if (settings.templates) {
    const own = path.join(settings.templates, name);
    if (fs.existsSync(own)) return own;
  }
  return path.join(builtinTemplates, name);
}

/** The templates' sources: each module's file, the stylesheets' text, and a hash of them all. */
interface TemplateSources {
  /** Each template module's file. */
  files: Record<keyof typeof modules, string>;
  style: string;
  printCss: string;
  hash: string;
  overridden: boolean;
}

/**
 * Read the templates' sources without loading them: what `loadTemplates` hashes, and all
 * a build needs to know whether they changed.
 */
export function templateSources(settings: Settings): TemplateSources {
  const hash = createHash('sha256');
  const files = {} as Record<keyof typeof modules, string>;
  let overridden = false;
  for (const [key, name] of Object.entries(modules) as Array<[keyof typeof modules, string]>) {
    const file = templatePath(settings, name);
    if (file !== path.join(builtinTemplates, name)) overridden = true;
    hash.update(name + '\0' + readTemplate(file) + '\0');
    files[key] = file;
  }
  const style = readTemplate(templatePath(settings, 'style.css'));
  // A function, not a string, as the replacement: in a replacement string `$\``, `$'` and
  // `$&` are patterns, and a label could use them to copy any part of the stylesheet.
  const label = cssString(settings.label);
  const printCss = readTemplate(templatePath(settings, 'print.css')).replaceAll('{{label}}', () => label);
  hash.update(style + '\0' + printCss);
  return {files, style, printCss, hash: hash.digest('hex'), overridden};
}

/** Load the templates; `version` busts the module cache (for preview reloads). */
export async function loadTemplates(settings: Settings, version = ''): Promise<Templates> {
  const {files, style, printCss, hash, overridden} = templateSources(settings);
  const loaded: Record<string, unknown> = {};
  for (const [key, file] of Object.entries(files)) {
    const url = pathToFileURL(file).href + (version ? `?v=${version}` : '');
    const module = (await import(url)) as {default?: unknown};
    if (typeof module.default !== 'function') throw new Error(`Template \`${file}\` has no default export function`);
    loaded[key] = module.default;
  }
  return {...(loaded as Omit<Templates, 'style' | 'print_css' | 'hash' | 'overridden'>), style, print_css: printCss, hash, overridden};
}

/**
 * A CSS string literal for any text: everything that could end the string, the rule or a
 * `<style>` element (quotes, backslashes, control characters, `<`, `>`, `&`) is a
 * hexadecimal escape (CSS Syntax 3, §4.3.7); NUL, which CSS does not allow, becomes U+FFFD.
 */
export function cssString(text: string): string {
  return '"' + text.replace(/[\\"'<>&\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => '\\' + (c === '\0' ? 'FFFD' : c.charCodeAt(0).toString(16).toUpperCase()) + ' ') + '"';
}

/** Largest template file opsg reads: templates are a few kilobytes. */
export const maxTemplateBytes = 2 * 1024 * 1024;

/** A template's text, read through the one bounded read (a FIFO or device named like a template is refused). */
function readTemplate(file: string): string {
  try {
    return readBoundedText(file, maxTemplateBytes);
  } catch (error) {
    throw new Error(`Cannot read template \`${file}\`: ${(error as Error).message}`);
  }
}

export {h};
