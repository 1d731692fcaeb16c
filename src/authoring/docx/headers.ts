/**
 * Headers and footers. The converter reads only the body, but a reader of the printed
 * document sees the header: a `TLP:AMBER` or `CONFIDENTIAL` there marks the whole
 * document. Each header and footer paragraph is searched for a classification label;
 * one that does not agree with the body's statement stops the import (the gate fails
 * closed), one that agrees is enough, and other header text (page numbers, titles) is
 * not imported.
 */
import type {Root} from 'xast';
import {parseLevel} from '../../classification.js';
import type {ClassificationLevel} from '../../model.js';
import {descendants, textOf} from './xml.js';

/** A classification label found in a header or footer. */
export interface HeaderLabel {
  /** The part it is in, such as `word/header1.xml`. */
  part: string;
  /** The paragraph's text. */
  text: string;
  /** The level it names; undefined for a marking that is no level of the policy (`Confidential`). */
  level: ClassificationLevel | undefined;
  /** The label as written. */
  written: string;
}

// Markings of other schemes: a document marked with one is not public.
const markings = new Set(['confidential', 'secret', 'top secret', 'restricted', 'official', 'official-sensitive', 'official sensitive', 'sensitive', 'private', 'internal', 'internal only', 'protected', 'commercial in confidence', 'embargoed', 'not for publication']);

const tlp = /\bTLP\s*[:_-]?\s*(CLEAR|WHITE|GREEN|AMBER(?:\s*\+\s*STRICT)?|RED)\b/i;
const statement = /\bclassifi(?:ed|cation)\b(?:\s+level)?\s*(?:as|is|of|[:=–—-])?\s*(?:the\s+)?(?:TLP\s*[:_-]?\s*)?([A-Za-z]+(?:\s*\+\s*strict)?)/i;

/** Every classification label in the header and footer parts. */
export function headerLabels(parts: Array<{part: string; root: Root}>): HeaderLabel[] {
  const labels: HeaderLabel[] = [];
  for (const {part, root} of parts) {
    for (const paragraph of descendants(root, 'w:p')) {
      const text = textOf(paragraph);
      const label = labelIn(text);
      if (label) labels.push({part, text, ...label});
    }
  }
  return labels;
}

/** The label in one line of header text, if any. */
export function labelIn(text: string): {level: ClassificationLevel | undefined; written: string} | undefined {
  const marker = tlp.exec(text);
  if (marker) return {level: parseLevel('tlp:' + marker[1]!.replace(/\s/g, '')), written: marker[0]};
  const said = statement.exec(text);
  if (said) {
    const word = said[1]!.replace(/\s/g, '');
    const level = parseLevel(word);
    if (level) return {level, written: said[0]};
    // "Classification: Official" names a level of another scheme: not public either.
    if (markings.has(word.toLowerCase())) return {level: undefined, written: said[0]};
  }
  const whole = text.trim().toLowerCase().replace(/[\s_]+/g, ' ');
  const level = parseLevel(whole.replace(/\s/g, ''));
  if (level) return {level, written: text.trim()};
  if (markings.has(whole)) return {level: undefined, written: text.trim()};
  return undefined;
}
