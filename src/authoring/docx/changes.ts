/**
 * Tracked changes: a document with unaccepted insertions or deletions has two texts,
 * and importing either one would publish words nobody has agreed. Such a document is
 * refused, with what was found, until the changes are accepted or rejected in Word.
 */
import type {Element, Root} from 'xast';
import {visit} from 'unist-util-visit';
import {quote, textOf} from './xml.js';

// Revision marks of ECMA-376 part 1, 17.13.5: text, paragraph marks, moves, formatting and table changes.
const kinds: Record<string, string> = {
  'w:ins': 'insertion',
  'w:del': 'deletion',
  'w:moveFrom': 'move',
  'w:moveTo': 'move',
  'w:rPrChange': 'formatting change',
  'w:pPrChange': 'formatting change',
  'w:sectPrChange': 'formatting change',
  'w:tblPrChange': 'formatting change',
  'w:tcPrChange': 'formatting change',
  'w:trPrChange': 'formatting change',
  'w:tblGridChange': 'formatting change',
  'w:numberingChange': 'numbering change',
  'w:cellIns': 'insertion',
  'w:cellDel': 'deletion',
  'w:cellMerge': 'cell merge',
};

/** The tracked changes of one part, described in a sentence; undefined when there are none. */
export function trackedChanges(root: Root, part: string): string | undefined {
  const counts = new Map<string, number>();
  let first: string | undefined;
  const paragraphs: Element[] = [];
  visit(root, 'element', (element: Element) => {
    if (element.name === 'w:p') paragraphs.push(element);
    const kind = kinds[element.name];
    if (!kind) return;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (first === undefined) {
      const paragraph = paragraphs.findLast((p) => contains(p, element));
      const words = textOf(paragraph ?? element) || deletedText(element);
      first = words ? quote(words) : undefined;
    }
  });
  if (counts.size === 0) return undefined;
  const list = [...counts].map(([kind, count]) => `${count} ${kind}${count === 1 ? '' : 's'}`).join(', ');
  return `Unexpected tracked changes in \`${part}\` (${list})${first ? `, the first at ${first}` : ''}: accept or reject every change in Word (Review › Accept or Reject), save, and import again`;
}

function contains(ancestor: Element, node: Element): boolean {
  let found = false;
  visit(ancestor, 'element', (element: Element) => {
    if (element === node) found = true;
  });
  return found;
}

function deletedText(element: Element): string {
  let text = '';
  visit(element, 'element', (node: Element) => {
    if (node.name === 'w:delText') for (const part of node.children) if (part.type === 'text') text += part.value;
  });
  return text.trim();
}
