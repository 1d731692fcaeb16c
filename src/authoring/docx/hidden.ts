/**
 * Hidden text (`w:vanish`): Word does not show it, but the converter would import it, so
 * words nobody reading the document saw could be published. A document with hidden runs
 * is refused until the text is shown or deleted in Word.
 */
import type {Element, Root} from 'xast';
import {visit} from 'unist-util-visit';
import {attribute, child, quote, textOf} from './xml.js';

/** Hidden text in one part, described in a sentence; undefined when there is none. */
export function hiddenText(root: Root, part: string): string | undefined {
  const hidden: string[] = [];
  visit(root, 'element', (run: Element) => {
    if (run.name !== 'w:r') return;
    const vanish = child(child(run, 'w:rPr'), 'w:vanish');
    if (!vanish) return;
    const value = attribute(vanish);
    if (value === 'false' || value === '0' || value === 'off') return;
    const text = textOf(run);
    if (text !== '') hidden.push(text);
  });
  if (hidden.length === 0) return undefined;
  return `Unexpected hidden text in \`${part}\` (${hidden.length} run${hidden.length === 1 ? '' : 's'}), the first ${quote(hidden[0]!)}: Word does not show it, so it is not imported; show it or delete it in Word (Home › Font › Hidden), save, and import again`;
}
