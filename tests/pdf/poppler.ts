/**
 * Reading PDFs back with poppler-utils (`pdfinfo`, `pdftotext -bbox-layout`, `pdftoppm`),
 * and the page checks the PDF tests share.
 */
import {execFileSync} from 'node:child_process';

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

/** `pdfinfo`'s fields, plus each page's size. */
export function pdfInfo(file: string): {title: string; pages: number; sizes: Array<{width: number; height: number}>} {
  const text = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], {encoding: 'utf8'});
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1] ?? '';
  const sizes = [...text.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({width: Number(m[1]), height: Number(m[2])}));
  return {title: field('Title'), pages: Number(field('Pages')), sizes};
}

/** Every page's lines, from `pdftotext -bbox-layout`. */
export function pdfPages(file: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
  const pages: Page[] = [];
  for (const [index, match] of [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].entries()) {
    const width = Number(match[1]);
    const height = Number(match[2]);
    const lines: Line[] = [];
    for (const line of match[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...line[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((word) => decode(word[1]!));
      lines.push({text: words.join(' '), xMin: Number(line[1]), yMin: Number(line[2]), xMax: Number(line[3]), yMax: Number(line[4])});
    }
    lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
    pages.push({
      number: index + 1,
      width,
      height,
      header: lines.filter((line) => line.yMax <= marginPt),
      content: lines.filter((line) => line.yMax > marginPt && line.yMin < height - marginPt),
      footer: lines.filter((line) => line.yMin >= height - marginPt),
    });
  }
  return pages;
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** A page's content as one string of words. */
export function contentText(page: Page): string {
  return page.content.map((line) => line.text).join(' ');
}

/** Mean and share of dark pixels (below 25% grey) in a box of a page, rendered at 72 dpi. */
export function darkness(file: string, page: number, box: {x: number; y: number; width: number; height: number}): {dark: number; light: number} {
  const args = ['-gray', '-r', '72', '-f', String(page), '-l', String(page), '-x', String(Math.round(box.x)), '-y', String(Math.round(box.y)), '-W', String(Math.round(box.width)), '-H', String(Math.round(box.height)), file];
  const pgm = execFileSync('pdftoppm', args, {maxBuffer: 64 * 1024 * 1024});
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not return a PGM image');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  let light = 0;
  for (const value of pixels) {
    if (value < 64) dark++;
    else if (value > 192) light++;
  }
  return {dark: dark / pixels.length, light: light / pixels.length};
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
