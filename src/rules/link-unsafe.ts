import type {Definition, Image, Link} from 'mdast';
import type {Rule} from './rule.js';

/** Only these protocols may appear in links and images; relative URLs are fine. */
export const safeProtocols = ['http', 'https', 'mailto', 'tel'];

/** Largest `data:` image shown, in characters of its encoded data (64 KiB). */
export const maxDataImage = 64 * 1024;

/** What a URL is once judged: its normalised form, and whether it may be on a page. */
export interface UrlVerdict {
  /** The URL without invisible characters or surrounding white space. */
  url: string;
  /** `safe`; `unsafe` (refused, an error); `too-large` (a data image over the limit, left out). */
  verdict: 'safe' | 'unsafe' | 'too-large';
}

// Characters no reader sees, which would hide a scheme or break one: zero-width spaces and
// joiners, bidirectional controls, the word joiner, the byte-order mark, the soft hyphen.
const invisible = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// Browsers drop tabs and line breaks anywhere in a URL, and C0 controls and spaces at its ends.
const dropped = /[\t\n\r]/g;

/**
 * A URL as a browser would follow it: invisible characters, tabs and line breaks taken out,
 * white space and controls trimmed from its ends, and character references left in it
 * (`&#58;`) decoded. (micromark has already decoded the references Markdown knows.)
 * With `keepInvisible`, the invisible characters stay (to be shown in a message).
 */
export function normaliseUrl(url: string, keepInvisible = false): string {
  const visible = keepInvisible ? url : url.replace(invisible, '');
  const decoded = visible.replace(dropped, '').replace(/^[\u0000-\u0020]+/, '').trimEnd()
    .replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));?/gi, (whole, hex: string | undefined, dec: string | undefined) => {
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10FFFF ? String.fromCodePoint(code) : whole;
    });
  return keepInvisible ? decoded : decoded.replace(invisible, '');
}

/** A URL with its invisible characters shown as `<U+200B>`, for messages. */
export function showInvisible(url: string): string {
  return url.replace(/[\u0000-\u001F\u007F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g, (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * Judge a URL: relative, or http, https, mailto or tel; for images also a raster
 * `data:image/(png|jpeg|gif|webp)` of at most `maxDataImage` characters of data. SVG (which
 * can carry script) and every other scheme are refused.
 */
export function judgeUrl(raw: string, image: boolean): UrlVerdict {
  const url = normaliseUrl(raw);
  // Browsers also ignore controls and spaces inside a scheme (`java\tscript:`).
  const squeezed = url.replace(/[\u0000-\u0020\u007F]/g, '');
  const colon = squeezed.indexOf(':');
  if (colon === -1) return {url, verdict: 'safe'};
  const scheme = squeezed.slice(0, colon);
  if (/[/?#]/.test(scheme)) return {url, verdict: 'safe'}; // the colon is in a path, query or fragment
  if (safeProtocols.includes(scheme.toLowerCase())) return {url, verdict: 'safe'};
  if (image && scheme.toLowerCase() === 'data') {
    const comma = squeezed.indexOf(',');
    const header = comma === -1 ? '' : squeezed.slice(colon + 1, comma);
    if (/^image\/(?:png|jpeg|gif|webp)(?:;[a-z0-9=._+-]{1,40}){0,4}$/i.test(header)) {
      return {url, verdict: squeezed.length - comma - 1 <= maxDataImage ? 'safe' : 'too-large'};
    }
  }
  return {url, verdict: 'unsafe'};
}

/** Whether a URL is relative or uses a safe protocol. */
export function isSafeUrl(url: string): boolean {
  return judgeUrl(url, false).verdict === 'safe';
}

/** `javascript:`, `data:` (but small raster images) and other unsafe URLs are errors. */
export const linkUnsafe: Rule = {
  id: 'link-unsafe',
  description: 'Links and images use http, https, mailto or tel, or a relative URL; images may also be small PNG, JPEG, GIF or WebP data',
  severity: 'error',
  walk(_file, report) {
    const check = (node: Link | Image | Definition): void => {
      if (judgeUrl(node.url, node.type !== 'link').verdict !== 'unsafe') return;
      // As judged (trimmed, references decoded), with what no reader sees made visible.
      const written = normaliseUrl(node.url, true);
      const shown = showInvisible(written.length > 60 ? written.slice(0, 60) + '…' : written);
      const expected = node.type === 'link' ? 'an http, https, mailto or tel URL' : 'an http, https, mailto or tel URL, or a PNG, JPEG, GIF or WebP `data:` image';
      report(`Unexpected unsafe URL \`${shown}\`, expected ${expected}`, node.position);
    };
    return {handlers: {link: check, image: check, definition: check}};
  },
};
