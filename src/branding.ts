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
  /** The logo: its site path (content-hashed), its content and, for a raster image, its size. */
  logo?: Logo;
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
  /** The logo's width in pixels, when its header gives it (PNG, JPEG, WebP). */
  logoWidth?: number;
  /** The logo's height in pixels, when its header gives it. */
  logoHeight?: number;
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

/** A logo as read: where it goes in the site, its content, and its size when the header gives it. */
export interface Logo {
  /** Site path, named from the content's hash: `assets/logo.<hash>.<ext>`. */
  sitePath: string;
  /** The file's content as copied into the site: an SVG's text, a raster image's bytes. */
  text: string | Uint8Array;
  /** Width in pixels, from a raster image's header (the `<img>` attribute, so pages do not shift). */
  width?: number;
  /** Height in pixels, from a raster image's header. */
  height?: number;
}

/** The raster formats a logo may be, by extension, each with what its first bytes must be. */
const rasterFormats: Record<string, {name: string; matches: (bytes: Uint8Array) => boolean}> = {
  '.png': {name: 'PNG', matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])},
  '.jpg': {name: 'JPEG', matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff])},
  '.jpeg': {name: 'JPEG', matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff])},
  '.webp': {name: 'WebP', matches: (bytes) => ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP'},
};

/**
 * Read a logo with a size limit, refusing anything but a regular file (a device or a FIFO
 * would never end). SVG, PNG, JPEG or WebP, as the extension says and the first bytes
 * confirm: a file whose content is not what its name says is refused, since browsers and
 * printers would disagree about it. An SVG's active content is refused: opened on its
 * own, an SVG runs its scripts as the site.
 */
export function readLogo(file: string): Logo | {reason: string} {
  const extension = path.extname(file).toLowerCase();
  const raster = rasterFormats[extension];
  if (extension !== '.svg' && !raster) return {reason: 'expected an SVG, PNG, JPEG or WebP file (`.svg`, `.png`, `.jpg`, `.jpeg` or `.webp`)'};
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
  const name = (content: string | Uint8Array) => `assets/logo.${createHash('sha256').update(content).digest('hex').slice(0, 10)}${extension}`;
  if (raster) {
    if (!raster.matches(bytes)) {
      const actual = Object.values(rasterFormats).find((format) => format.matches(bytes));
      return {reason: `its first bytes are ${actual ? `a ${actual.name} image's` : `not a ${raster.name} image's`}, expected a ${raster.name} file as its name says`};
    }
    return {sitePath: name(bytes), text: new Uint8Array(bytes), ...imageSize(bytes)};
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return {reason: 'it is not UTF-8 text, expected an SVG file'};
  }
  if (!/<svg[\s>]/i.test(text)) return {reason: 'it has no `<svg>` element, expected an SVG file'};
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(text)) return {reason: 'it contains scripts or event handlers, expected a plain image'};
  return {sitePath: name(text), text};
}

/**
 * A PNG's, JPEG's or WebP's size in pixels, read from its header (PNG's IHDR, JPEG's
 * start-of-frame, WebP's VP8, VP8L or VP8X chunk); nothing when the header is not where
 * it should be. Only the header is read: the image itself is the browser's to decode.
 */
export function imageSize(bytes: Uint8Array): {width: number; height: number} | Record<string, never> {
  const size = (width: number, height: number) => (width > 0 && height > 0 ? {width, height} : {});
  if (bytes.length < 30) return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0x89 && ascii(bytes, 12, 4) === 'IHDR') return size(view.getUint32(16), view.getUint32(20));
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const chunk = ascii(bytes, 12, 4);
    // Lossy: a key frame's start code, then 14-bit width and height (the top bits are scaling).
    if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) return size(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
    // Lossless: a signature byte, then width − 1 and height − 1 in 14 bits each.
    if (chunk === 'VP8L' && bytes[20] === 0x2f) {
      const bits = view.getUint32(21, true);
      return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    // Extended: the canvas's width − 1 and height − 1, 24 bits each.
    if (chunk === 'VP8X') return size((view.getUint32(24, true) & 0xffffff) + 1, (view.getUint32(27, true) & 0xffffff) + 1);
    return {};
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Segment by segment to the first start-of-frame marker (C0–CF, except C4, C8 and CC,
    // which are tables), whose data holds the height, then the width.
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return {};
      const marker = bytes[offset + 1]!;
      if (marker === 0xff) {
        offset += 1;
        continue;
      }
      // Markers that stand alone, without a length.
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        offset += 2;
        continue;
      }
      // The image data starts, or the image ends, with no frame header seen.
      if (marker === 0xda || marker === 0xd9) return {};
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return size(view.getUint16(offset + 7), view.getUint16(offset + 5));
      offset += 2 + view.getUint16(offset + 2);
    }
  }
  return {};
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
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
  if (brand.logo?.width !== undefined && brand.logo.height !== undefined) {
    view.logoWidth = brand.logo.width;
    view.logoHeight = brand.logo.height;
  }
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
