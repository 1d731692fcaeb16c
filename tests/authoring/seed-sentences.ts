/** The seed's sentences, for "every sentence is kept" checks. */
import {seedText} from '../helpers.js';

/** The seed's sentences (Markdown marks removed), with each item's `N. Title (Owner)` apart. */
export function seedSentences(): {headings: string[]; sentences: string[]} {
  const headings: string[] = [];
  const sentences: string[] = [];
  for (let paragraph of seedText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    paragraph = paragraph.replace(/\*\*|\*/g, '').replace(/\[([^\]]*)\]\(#\)/g, '$1');
    // A next-meeting line's label and date may be laid out apart (a box of label and value).
    const next = /^(Next [^:]+):\s*(.*)$/.exec(paragraph);
    if (next) {
      sentences.push(next[1]!, next[2]!);
      continue;
    }
    const item = /^(\d+\. [^:]*?\([^)]*\)): /.exec(paragraph);
    if (item) {
      headings.push(item[1]!);
      paragraph = paragraph.slice(item[0].length);
    }
    sentences.push(...paragraph.split(/(?<=[.!?])\s+(?=[A-Z[])/).map((s) => s.trim()));
  }
  return {headings, sentences};
}
