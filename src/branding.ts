/**
 * Branding without code: the config's `brand` object (organisation name, logo, primary
 * colour, footer text and links) checked and normalised. Every problem is a config error
 * at its own line and column; a site with no `brand` is built exactly as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import type {VFile} from 'vfile';
import {location} from 'vfile-location';
import type {ConfigFile} from './config.js';
import {fatal} from './messages.js';
import {isSafeUrl} from './rules/link-unsafe.js';

/** The `brand` object as written in the config file (declared in config.ts's `configShape`). */
export type BrandConfig = NonNullable<ConfigFile['brand']>;

/** A footer link. */
export interface BrandLink {
  /** The link text. */
  text: string;
  /** An http, https, mailto or tel URL. */
  url: string;
}

/** The brand, checked and normalised, with the logo read. */
export interface Brand {
  /** The organisation's name. */
  organisation?: string;
  /** The logo: its site path (content-hashed) and its text. */
  logo?: {sitePath: string; text: string};
  /** The primary colour, `#rrggbb` in lower case. */
  colour?: string;
  /** Footer text. */
  footerText?: string;
  /** Footer links, in order. */
  links: BrandLink[];
}

/** What templates see of the brand (`ctx.site.brand`). */
export interface BrandView {
  /** The organisation's name. */
  organisation?: string;
  /** Site path of the logo. */
  logo?: string;
  /** Footer text. */
  footerText?: string;
  /** Footer links. */
  links: BrandLink[];
}

/** The largest logo read: a logo is a few kilobytes; anything near this is a mistake. */
export const logoLimit = 256 * 1024;

/** WCAG 2.x level AA for normal text. */
export const minimumContrast = 4.5;

/**
 * Check the config's `brand` value, reporting each problem on `file` at its place, and
 * return the normalised brand, or undefined when there is none or it has an error.
 */
export function readBrand(file: VFile, value: unknown, dir: string): Brand | undefined {
  if (value === undefined) return undefined;
  const at = (key: string, nth = 0) => placeOf(file, key, nth);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fatal(file, 'Unexpected value of `brand`, expected an object such as `{"organisation": "…", "logo": "logo.svg", "colour": "#0b4f8a"}`', at('brand'), 'config-type');
    return undefined;
  }
  const before = file.messages.length;
  const raw = value as Record<string, unknown>;
  const known = ['organisation', 'logo', 'colour', 'footer'];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) fatal(file, `Unexpected key \`brand.${key}\`, expected one of ${known.map((k) => '`' + k + '`').join(', ')}`, at(key), 'config-key');
  }
  const brand: Brand = {links: []};
  const text = (key: string, given: unknown): string | undefined => {
    if (given === undefined) return undefined;
    if (typeof given === 'string' && given.trim() !== '') return given.trim();
    fatal(file, `Unexpected value of \`${key}\`, expected a non-empty string`, at(key.split('.').at(-1)!), 'config-type');
    return undefined;
  };
  const organisation = text('brand.organisation', raw.organisation);
  if (organisation !== undefined) brand.organisation = organisation;
  const colour = text('brand.colour', raw.colour);
  if (colour !== undefined) {
    const normal = normaliseColour(colour);
    if (normal === undefined) {
      fatal(file, `Unexpected colour \`${colour}\`, expected a hex colour such as \`#0b4f8a\``, at('colour'), 'config-type');
    } else {
      const ratio = contrastWithWhite(normal);
      if (ratio < minimumContrast) {
        fatal(file, `Unexpected colour \`${colour}\`: white text on it has a contrast of ${floor2(ratio)}:1, expected at least ${minimumContrast}:1 (WCAG AA); choose a darker colour`, at('colour'), 'config-contrast');
      } else {
        brand.colour = normal;
      }
    }
  }
  const logo = text('brand.logo', raw.logo);
  if (logo !== undefined) {
    const read = readLogo(path.resolve(dir, logo));
    if ('reason' in read) fatal(file, `Cannot use logo \`${logo}\`: ${read.reason}`, at('logo'), 'config-logo');
    else brand.logo = read;
  }
  if (raw.footer !== undefined) readFooter(file, raw.footer, brand);
  return file.messages.length > before ? undefined : brand;
}

function readFooter(file: VFile, footer: unknown, brand: Brand): void {
  if (typeof footer !== 'object' || footer === null || Array.isArray(footer)) {
    fatal(file, 'Unexpected value of `brand.footer`, expected an object such as `{"text": "…", "links": [{"text": "…", "url": "https://…"}]}`', placeOf(file, 'footer'), 'config-type');
    return;
  }
  const {text, links, ...rest} = footer as Record<string, unknown>;
  for (const key of Object.keys(rest)) fatal(file, `Unexpected key \`brand.footer.${key}\`, expected \`text\` or \`links\``, placeOf(file, key), 'config-key');
  if (text !== undefined) {
    if (typeof text === 'string' && text.trim() !== '') brand.footerText = text.trim();
    else fatal(file, 'Unexpected value of `brand.footer.text`, expected a non-empty string', placeOf(file, 'text'), 'config-type');
  }
  if (links === undefined) return;
  if (!Array.isArray(links)) {
    fatal(file, 'Unexpected value of `brand.footer.links`, expected an array of `{"text": "…", "url": "…"}`', placeOf(file, 'links'), 'config-type');
    return;
  }
  links.forEach((link: unknown, index) => {
    const entry = link as {text?: unknown; url?: unknown} | null;
    const place = placeOf(file, 'url', index) ?? placeOf(file, 'links');
    if (typeof entry !== 'object' || entry === null || typeof entry.text !== 'string' || entry.text.trim() === '' || typeof entry.url !== 'string') {
      fatal(file, `Unexpected footer link ${index + 1}, expected \`{"text": "…", "url": "…"}\` with a non-empty text`, place, 'config-type');
      return;
    }
    // Checked as a content link is (link-unsafe), and absolute: a footer is on pages at every depth.
    if (!isSafeUrl(entry.url) || !/^(https?:\/\/[^/\s]+|mailto:|tel:)/i.test(entry.url.trim())) {
      const shown = entry.url.length > 40 ? entry.url.slice(0, 40) + '…' : entry.url;
      fatal(file, `Unexpected footer link URL \`${shown}\`, expected an absolute http, https, mailto or tel URL`, place, 'link-unsafe');
      return;
    }
    brand.links.push({text: entry.text.trim(), url: entry.url.trim()});
  });
}

/**
 * Read a logo with a size limit, refusing anything but a regular file (a device or a FIFO
 * would never end). Only SVG: it scales to any header and print resolution, and is text.
 * Active content is refused: opened on its own, an SVG runs its scripts as the site.
 */
export function readLogo(file: string): {sitePath: string; text: string} | {reason: string} {
  if (path.extname(file).toLowerCase() !== '.svg') return {reason: 'expected an SVG file (`.svg`)'};
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {reason: code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`};
  }
  let bytes: Buffer;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return {reason: 'it is not a regular file'};
    if (stat.size > logoLimit) return {reason: `it is ${stat.size} bytes, expected at most ${logoLimit}`};
    bytes = Buffer.alloc(logoLimit + 1);
    let length = 0;
    for (let read = 1; read > 0 && length <= logoLimit; length += read) read = fs.readSync(fd, bytes, length, bytes.length - length, null);
    if (length > logoLimit) return {reason: `it is over ${logoLimit} bytes`};
    bytes = bytes.subarray(0, length);
  } catch (error) {
    return {reason: `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`};
  } finally {
    fs.closeSync(fd);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return {reason: 'it is not UTF-8 text, expected an SVG file'};
  }
  if (!/<svg[\s>]/i.test(text)) return {reason: 'it has no `<svg>` element, expected an SVG file'};
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(text)) return {reason: 'it contains scripts or event handlers, expected a plain image'};
  return {sitePath: `assets/logo.${createHash('sha256').update(text).digest('hex').slice(0, 10)}.svg`, text};
}

/** `#abc` or `#aabbcc` → `#aabbcc`; undefined for anything else. */
export function normaliseColour(colour: string): string | undefined {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(colour) ? colour.toLowerCase() : undefined;
}

/** WCAG 2.x relative luminance of `#rrggbb`. */
export function relativeLuminance(colour: string): number {
  const channel = (offset: number) => {
    const value = parseInt(colour.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The contrast ratio of white text on `#rrggbb` (1 to 21). */
export function contrastWithWhite(colour: string): number {
  return 1.05 / (relativeLuminance(colour) + 0.05);
}

/** Two decimals, rounded down: 4.497 is shown as 4.49, never as a passing 4.50. */
function floor2(value: number): string {
  return (Math.floor(value * 100) / 100).toFixed(2);
}

/** The stylesheet rules the brand adds to the screen stylesheet (nothing without a brand). */
export function brandStyle(brand: Brand | undefined): string {
  if (!brand) return '';
  const rules: string[] = [];
  if (brand.logo) rules.push('.site-logo { height: 2.5rem; width: auto; vertical-align: middle; margin-right: .5rem; }');
  if (brand.organisation) rules.push('.site-organisation { display: block; font-size: .85rem; font-weight: 400; }');
  if (brand.links.length > 0) rules.push('.footer-links { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: .5rem 0; padding: 0; }');
  if (brand.colour) {
    // The colour passed the contrast check against white, so it is safe both as a
    // background under white text and as the link colour on the white page.
    rules.push(
      `:root { --accent: ${brand.colour}; --brand: ${brand.colour}; }`,
      '.site-header { background: var(--brand); color: #fff; border-bottom-color: var(--brand); }',
      '.site-header a, .site-header a:visited { color: #fff; }',
      // The focus style's yellow needs its dark text back.
      '.site-header a:focus-visible { color: #0b0c0c; }',
    );
  }
  return rules.length === 0 ? '' : ['', '/* Added by opsg from the config\'s `brand`. */', ...rules, ''].join('\n');
}

/** What templates see of the brand; undefined when there is none. */
export function brandView(brand: Brand | undefined): BrandView | undefined {
  if (!brand) return undefined;
  const view: BrandView = {links: brand.links};
  if (brand.organisation !== undefined) view.organisation = brand.organisation;
  if (brand.logo !== undefined) view.logo = brand.logo.sitePath;
  if (brand.footerText !== undefined) view.footerText = brand.footerText;
  return view;
}

/**
 * Where `"key"` stands in the config file: its `nth` occurrence after `"brand"`, so a
 * message points at the brand's own key, not at a same-named key elsewhere.
 */
function placeOf(file: VFile, key: string, nth = 0): {line: number; column: number} | undefined {
  const text = String(file.value);
  const start = key === 'brand' ? 0 : Math.max(0, text.indexOf('"brand"'));
  let offset = text.indexOf(JSON.stringify(key), start);
  for (let index = 0; index < nth && offset !== -1; index++) offset = text.indexOf(JSON.stringify(key), offset + 1);
  if (offset === -1) return undefined;
  return location(file).toPoint(offset);
}
