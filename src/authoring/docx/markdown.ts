/**
 * The converter's HTML → the Markdown the text import reads (hast → mdast → text, with
 * GFM for tables). Text stays text: characters Markdown would read as syntax are escaped,
 * so words typed in Word show as typed. Word's artefacts are tidied here: non-breaking
 * spaces and tabs become spaces, empty paragraphs go, and a paragraph that starts with
 * its agenda number (typed, or computed from Word's numbering) is written `6. Title …`
 * with the number outside any bold, the form the text import reads as an agenda item.
 */
import {unified} from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import {visit, SKIP} from 'unist-util-visit';
import {toString} from 'mdast-util-to-string';
import type {Nodes, Paragraph, PhrasingContent, Root, Text} from 'mdast';
import type {Element as HastElement, Root as HastRoot} from 'hast';

/** The Markdown and what was left out. */
export interface MarkdownResult {
  /** The body, blocks separated by blank lines. */
  markdown: string;
  /** Images left out (opsg pages carry no images from an import). */
  images: number;
}

const toMdast = unified().use(rehypeParse, {fragment: true}).use(firstRowHeads).use(rehypeRemark);
// `*` for rules: a `---` on the first line would read as front matter.
const toText = unified().use(remarkGfm).use(remarkStringify, {bullet: '-', emphasis: '*', strong: '*', rule: '*', fences: true, listItemIndent: 'one'});

const leadingNumber = /^[ \t\u00A0]*(\d{1,9}[.)])[ \t\u00A0]+/;

/** Convert the converter's HTML into Markdown. */
export async function htmlToMarkdown(html: string): Promise<MarkdownResult> {
  const tree = (await toMdast.run(toMdast.parse(html))) as Root;
  let images = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'image' || node.type === 'imageReference') {
      images++;
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
    }
    if (node.type === 'text') node.value = node.value.replace(/[\u00A0\t]/g, ' ');
    return undefined;
  });
  const blocks: string[] = [];
  for (const block of tree.children) {
    if (block.type === 'paragraph' && toString(block).trim() === '' && !block.children.some((node) => node.type === 'break')) continue;
    const marker = block.type === 'paragraph' ? takeNumber(block) : undefined;
    const text = toText.stringify({type: 'root', children: [block]} as Root).trim();
    if (text === '' && marker === undefined) continue;
    blocks.push(marker === undefined ? text : `${marker} ${text}`.trimEnd());
  }
  return {markdown: blocks.join('\n\n') + '\n', images};
}

/**
 * A GFM table needs a header row. Word marks one only when "Repeat as header row" is
 * set, so the converter's table usually has none and would get an empty one: its first
 * row, which in headlines' tables names the columns, becomes the header.
 */
function firstRowHeads() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (table: HastElement) => {
      if (table.tagName !== 'table') return;
      let hasHead = false;
      visit(table, 'element', (cell: HastElement) => {
        if (cell.tagName === 'th') hasHead = true;
      });
      if (hasHead) return;
      let first: HastElement | undefined;
      visit(table, 'element', (row: HastElement) => {
        if (row.tagName === 'tr' && !first) first = row;
      });
      for (const cell of first?.children ?? []) if (cell.type === 'element' && cell.tagName === 'td') cell.tagName = 'th';
    });
  };
}

/** Remove a leading `6.` from a paragraph (also from inside a bold or italic start) and return it. */
function takeNumber(paragraph: Paragraph): string | undefined {
  const first = firstText(paragraph);
  if (!first) return undefined;
  const match = leadingNumber.exec(first.value);
  if (!match) return undefined;
  first.value = first.value.slice(match[0].length);
  pruneEmpty(paragraph);
  return match[1];
}

/** The text that starts a paragraph, through leading bold and italic. */
function firstText(node: Nodes): Text | undefined {
  let current: Nodes | undefined = node;
  while (current && (current.type === 'paragraph' || current.type === 'strong' || current.type === 'emphasis')) {
    current = current.children[0];
  }
  return current?.type === 'text' ? current : undefined;
}

/** Drop empty text and the bold or italic left empty when its number was taken out. */
function pruneEmpty(paragraph: Paragraph): void {
  const keep = (node: PhrasingContent): boolean => {
    if (node.type === 'text') return node.value !== '';
    if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete') {
      node.children = node.children.filter(keep);
      return node.children.length > 0;
    }
    return true;
  };
  paragraph.children = paragraph.children.filter(keep);
  const lead = paragraph.children[0];
  if (lead?.type === 'text') lead.value = lead.value.replace(/^ +/, '');
}
