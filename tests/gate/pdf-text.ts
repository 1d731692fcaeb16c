/** Reading a PDF's text page by page: the one place the drafts tests read PDFs. */
import {pdfPages} from '../pdf/poppler.js';

/** The text of each page of a PDF, in order: its header, content and footer lines. */
export function pdfPageTexts(file: string): string[] {
  return pdfPages(file).map((page) => [...page.header, ...page.content, ...page.footer].map((line) => line.text).join('\n'));
}
