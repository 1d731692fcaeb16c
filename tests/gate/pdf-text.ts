/** Reading a PDF's text page by page: the one place the drafts tests read PDFs. */
import {execFileSync} from 'node:child_process';

/** The text of each page of a PDF, in order. */
export function pdfPageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], {encoding: 'utf8'});
  // pdftotext ends every page with a form feed.
  return text.split('\f').slice(0, -1);
}
