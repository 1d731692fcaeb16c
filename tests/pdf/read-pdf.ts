/**
 * Reading PDFs back with pdfjs-dist (no system tools needed): the title, page sizes, each
 * page's lines of text with their boxes, and the ink in a box; plus the page checks the PDF
 * tests share.
 */
import fs from 'node:fs';
import {getDocument, type PDFDocumentProxy} from 'pdfjs-dist/legacy/build/pdf.mjs';

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

async function open<T>(file: string, use: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const document = await getDocument({data: new Uint8Array(fs.readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0}).promise;
  try {
    return await use(document);
  } finally {
    await document.destroy();
  }
}

/** The document title, the page count and each page's size in points. */
export async function pdfInfo(file: string): Promise<{title: string; pages: number; sizes: Array<{width: number; height: number}>}> {
  return open(file, async (document) => {
    const {info} = (await document.getMetadata()) as {info: {Title?: string}};
    const sizes: Array<{width: number; height: number}> = [];
    for (let number = 1; number <= document.numPages; number++) {
      const [x0, y0, x1, y1] = (await document.getPage(number)).view as [number, number, number, number];
      sizes.push({width: x1 - x0, height: y1 - y0});
    }
    return {title: info.Title ?? '', pages: document.numPages, sizes};
  });
}

/** One run of text as pdfjs reports it, in top-left coordinates. */
interface Run {
  text: string;
  x: number;
  /** The baseline, from the top. */
  y: number;
  width: number;
  size: number;
  ascent: number;
  descent: number;
}

/**
 * Every page's lines: runs on the same baseline that follow each other closely; a wide gap
 * (as between the footer's page number and its label) starts a new line.
 */
export async function pdfPages(file: string): Promise<Page[]> {
  return open(file, async (document) => {
    const pages: Page[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const width = x1 - x0;
      const height = y1 - y0;
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, , , e, f] = item.transform as number[];
        const size = Math.hypot(a!, b!);
        const style = content.styles[item.fontName];
        const ascent = style?.ascent ?? 0.9;
        const descent = style?.descent ?? -0.2;
        runs.push({text: item.str, x: e! - x0, y: y1 - f!, width: item.width, size, ascent, descent: Math.abs(descent)});
      }
      runs.sort((p, q) => p.y - q.y || p.x - q.x);
      const lines: Line[] = [];
      let current: {runs: Run[]} | undefined;
      for (const run of runs) {
        const last = current?.runs.at(-1);
        if (current && last && Math.abs(run.y - last.y) < last.size * 0.3 && run.x - (last.x + last.width) < last.size * 2) current.runs.push(run);
        else {
          if (current) lines.push(toLine(current.runs));
          current = {runs: [run]};
        }
      }
      if (current) lines.push(toLine(current.runs));
      lines.sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
      pages.push({
        number,
        width,
        height,
        header: lines.filter((line) => line.yMax <= marginPt),
        content: lines.filter((line) => line.yMax > marginPt && line.yMin < height - marginPt),
        footer: lines.filter((line) => line.yMin >= height - marginPt),
      });
    }
    return pages;
  });
}

/** Runs of one line as a Line: words joined by single spaces, the box spanning ascent to descent. */
function toLine(runs: Run[]): Line {
  let text = '';
  let end = -Infinity;
  for (const run of runs) {
    // A visible gap between runs is a space even where the PDF has no space character.
    if (text && !/\s$/.test(text) && !/^\s/.test(run.text) && run.x - end > run.size * 0.15) text += ' ';
    text += run.text;
    end = run.x + run.width;
  }
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    xMin: Math.min(...runs.map((run) => run.x)),
    yMin: Math.min(...runs.map((run) => run.y - run.ascent * run.size)),
    xMax: Math.max(...runs.map((run) => run.x + run.width)),
    yMax: Math.max(...runs.map((run) => run.y + run.descent * run.size)),
  };
}

/** A page's content as one string of words. */
export function contentText(page: Page): string {
  return page.content.map((line) => line.text).join(' ');
}

/** Share of dark (below 25% grey) and light (above 75%) pixels in a box of a page, rendered at 72 dpi. */
export async function darkness(file: string, page: number, box: {x: number; y: number; width: number; height: number}): Promise<{dark: number; light: number}> {
  return open(file, async (document) => {
    const proxy = await document.getPage(page);
    const viewport = proxy.getViewport({scale: 1});
    // pdfjs renders in Node on @napi-rs/canvas, its own optional dependency.
    const factory = (document as unknown as {canvasFactory: {create(width: number, height: number): {canvas: unknown; context: CanvasLike}}}).canvasFactory;
    const {canvas, context} = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await proxy.render({canvas: canvas as never, canvasContext: context as never, viewport}).promise;
    const {data} = context.getImageData(Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height));
    let dark = 0;
    let light = 0;
    const count = data.length / 4;
    for (let index = 0; index < data.length; index += 4) {
      // Luma of an RGB pixel, as a grey renderer would produce it.
      const grey = 0.299 * data[index]! + 0.587 * data[index + 1]! + 0.114 * data[index + 2]!;
      if (grey < 64) dark++;
      else if (grey > 192) light++;
    }
    return {dark: dark / count, light: light / count};
  });
}

/** The part of a 2D canvas context the ink check reads. */
interface CanvasLike {
  getImageData(x: number, y: number, width: number, height: number): {data: Uint8ClampedArray};
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
