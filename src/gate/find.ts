/**
 * What the gate looks for in folded text: classification statements (“classified as
 * Amber”, “Classification: Red”) and Traffic Light Protocol markers (`TLP:AMBER`).
 */
import type {ClassificationLevel} from '../model.js';
import {parseLevel} from '../classification.js';
import type {Run} from './text.js';

/** One statement or marker, with the level it names. */
export interface Finding {
  /** A sentence that classifies the document, or a TLP marker. */
  kind: 'statement' | 'marker';
  /** The level, or undefined for a marking that is not a level (`Confidential`). */
  level: ClassificationLevel | undefined;
  /** The level word as read (folded), such as `amber` or `tlp:red`. */
  written: string;
  /** Source offset of the level word. */
  offset: number;
}

// Between the words, anything a reader skips: spaces, emphasis marks, quotes, brackets,
// table pipes, a colon; never the end of a sentence.
const gap = String.raw`[^a-z0-9.!?;]{0,6}`;
const level = String.raw`(tlp${gap})?([a-z]+(?:${gap}\+${gap}strict)?)`;
// “classified as Amber”, “classified: Amber”, “classified Amber”, “reclassified as the TLP:RED level”.
const classified = new RegExp(String.raw`(?<![a-z])(?:re|de)?classified(?:${gap}as(?![a-z]))?${gap}(?:(?:the|an?|being)(?![a-z])${gap})?` + level, 'g');
// “Classification: Amber”, “Classification level - Red”, “classification is Amber”, “classification of Green”.
const classification = new RegExp(String.raw`(?<![a-z])(?:re)?classification(?:${gap}level)?${gap}(?:(?:is|of|was)(?![a-z])${gap})?(?:the(?![a-z])${gap})?` + level, 'g');
const tlp = new RegExp(String.raw`(?<![a-z])t ?l ?p${gap}(red|amber(?:${gap}\+${gap}strict)?|green|white|clear)(?![a-z])`, 'g');

// Words that are markings although no level of the Panel Information Policy: a statement
// naming one is a restricted document written in another scheme.
const markings = new Set(['confidential', 'secret', 'restricted', 'official', 'sensitive', 'private', 'internal', 'protected', 'protect', 'classified', 'commercial', 'personal', 'limited', 'embargoed', 'top']);

/** Every statement and marker in a run of folded text. */
export function findings(run: Run): Finding[] {
  const out: Finding[] = [];
  for (const pattern of [classified, classification]) {
    for (const match of run.text.matchAll(pattern)) {
      const word = match[2]!.replace(/[^a-z+]/g, '');
      const prefixed = match[1] !== undefined;
      const found = parseLevel(prefixed ? 'tlp:' + word : word);
      if (found === undefined && !markings.has(word)) continue;
      const at = match.index + match[0].length - match[2]!.length - (match[1]?.length ?? 0);
      out.push({kind: 'statement', level: found, written: (prefixed ? 'tlp:' : '') + word, offset: run.offsets[at] ?? 0});
    }
  }
  for (const match of run.text.matchAll(tlp)) {
    const word = match[1]!.replace(/[^a-z+]/g, '');
    out.push({kind: 'marker', level: parseLevel('tlp:' + word), written: 'tlp:' + word, offset: run.offsets[match.index] ?? 0});
  }
  return out;
}
