/**
 * Reading PDFs back, as poppler's pdfinfo, pdftotext and pdftoppm once did, with pdfjs-dist
 * instead (no system tools needed), and the page checks the PDF tests share. pdfjs is
 * asynchronous, so it runs in a child process (pdf-reader.mjs) and these stay synchronous.
 */
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const reader = fileURLToPath(new URL('pdf-reader.mjs', import.meta.url));

function read<T>(...args: string[]): T {
  return JSON.parse(execFileSync(process.execPath, [reader, ...args], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})) as T;
}

/** 20 mm in PDF points: the print stylesheet's top and bottom page margins. */
export const marginPt = (20 / 25.4) * 72;

/** One line of text on a page, with its box in points from the top left. */
export interface Line {
  /** The words, joined by single spaces. */
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** One page: its size and its lines, top to bottom, split into header, content and footer. */
export interface Page {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  /** Lines in the top margin. */
  header: Line[];
  /** Lines between the margins. */
  content: Line[];
  /** Lines in the bottom margin. */
  footer: Line[];
}

/** The document title, the page count and each page's size in points. */
export function pdfInfo(file: string): {title: string; pages: number; sizes: Array<{width: number; height: number}>} {
  return read('info', file);
}

/** Every page's lines, top to bottom, split at the margins into header, content and footer. */
export function pdfPages(file: string): Page[] {
  return read<Array<{width: number; height: number; lines: Line[]}>>('lines', file).map(({width, height, lines}, index) => {
    lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    return {
      number: index + 1,
      width,
      height,
      header: lines.filter((line) => line.yMax <= marginPt),
      content: lines.filter((line) => line.yMax > marginPt && line.yMin < height - marginPt),
      footer: lines.filter((line) => line.yMin >= height - marginPt),
    };
  });
}

/** A page's content as one string of words. */
export function contentText(page: Page): string {
  return page.content.map((line) => line.text).join(' ');
}

/** Share of dark (below 25% grey) and light (above 75%) pixels in a box of a page, rendered at 72 dpi. */
export function darkness(file: string, page: number, box: {x: number; y: number; width: number; height: number}): {dark: number; light: number} {
  return read('ink', file, String(page), String(box.x), String(box.y), String(box.width), String(box.height));
}

/**
 * Headings that are the last content on their page: a heading line (its text is one of
 * `headings`) with no content line below it on the same page.
 */
export function orphanHeadings(pages: Page[], headings: string[]): string[] {
  const found: string[] = [];
  for (const page of pages) {
    for (const line of page.content) {
      if (headings.includes(line.text) && !page.content.some((other) => other.yMin >= line.yMax - 0.5)) found.push(`${line.text} (page ${page.number})`);
    }
  }
  return found;
}

/** The pages whose content contains `text` (words compared with single spaces). */
export function pagesWith(pages: Page[], text: string): number[] {
  return pages.filter((page) => contentText(page).includes(text)).map((page) => page.number);
}

/** Heading lines in reading order: every content line whose text is one of `headings`. */
export function headingOrder(pages: Page[], headings: string[]): string[] {
  return pages.flatMap((page) => page.content.filter((line) => headings.includes(line.text)).map((line) => line.text));
}
