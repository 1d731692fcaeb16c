/**
 * The numbers Word shows in front of automatically numbered paragraphs.
 *
 * They are not in the text: a paragraph says "list 2, level 0" (`w:numPr`), and
 * `numbering.xml` says where list 2 starts and how its numbers look. Converters that
 * make `<ol>` from this drop the start values, and an agenda 4, 6, 7 becomes 1, 2, 3.
 * Here the numbers are counted the way Word counts them (ECMA-376 part 1, 17.9), in
 * document order, and each is written into its paragraph as plain text; the paragraph
 * then loses its numbering, so no later step can renumber it. A numbering this reader
 * does not model is a problem, never a guess.
 */
import type {Element, Root} from 'xast';
import {visit, SKIP} from 'unist-util-visit';
import {attribute, child, elements, quote, textOf} from './xml.js';

/** One level of a list definition (`w:lvl`). */
interface Level {
  /** First number of the level (`w:start`, default 0 as the standard says; Word writes it). */
  start: number;
  /** Number format (`w:numFmt`), such as `decimal` or `lowerLetter`. */
  format: string;
  /** The label pattern (`w:lvlText`), such as `%1.` or `%1.%2`. */
  text: string | undefined;
  /** 1-based level after whose use this level starts again (`w:lvlRestart`); 0 never. */
  restart: number | undefined;
  /** Legal numbering (`w:isLgl`): every number shown as a decimal. */
  legal: boolean;
  /** What follows the number (`w:suff`): a tab unless stated. */
  suffix: string;
}

/** A list definition (`w:abstractNum`). */
interface AbstractList {
  /** Levels by index. */
  levels: Map<number, Level>;
  /** Whether the definition lives in a numbering style (`w:numStyleLink`), which is not modelled. */
  linked: boolean;
}

/** A list instance (`w:num`): a definition, with levels started or redefined. */
interface ListInstance {
  /** The definition's id. */
  abstract: string;
  /** Start values that override the definition for this instance (`w:startOverride`). */
  starts: Map<number, number>;
  /** Levels redefined for this instance (`w:lvlOverride/w:lvl`). */
  levels: Map<number, Level>;
}

/** What a paragraph style gives a paragraph (`w:style`). */
interface StyleNumbering {
  /** The list, when the style numbers its paragraphs. */
  numId: string | undefined;
  /** The level. */
  level: number | undefined;
  /** The style it is based on. */
  basedOn: string | undefined;
}

/** `numbering.xml` and the paragraph styles, read. */
export interface NumberingDefinitions {
  /** List definitions by `w:abstractNumId`. */
  abstracts: Map<string, AbstractList>;
  /** List instances by `w:numId`. */
  instances: Map<string, ListInstance>;
  /** Paragraph styles by `w:styleId`. */
  styles: Map<string, StyleNumbering>;
  /** The default paragraph style's id. */
  defaultStyle: string | undefined;
}

/** A paragraph whose number could not be computed. */
export interface NumberingProblem {
  /** What was found and what was expected, with the paragraph's text. */
  reason: string;
}

/** What numbering did to a document. */
export interface NumberingResult {
  /** Paragraphs numbered (their numbers now plain text). */
  numbered: number;
  /** Paragraphs whose number is unknown: the document must not be imported. */
  problems: NumberingProblem[];
}

// Formats opsg can write exactly as Word shows them; `bullet` and `none` show no number.
const formats = new Set(['decimal', 'decimalZero', 'lowerLetter', 'upperLetter', 'lowerRoman', 'upperRoman', 'bullet', 'none']);

/** Read list definitions and paragraph styles (either part may be absent). */
export function readNumbering(numbering: Root | undefined, styles: Root | undefined): NumberingDefinitions {
  const definitions: NumberingDefinitions = {abstracts: new Map(), instances: new Map(), styles: new Map(), defaultStyle: undefined};
  const top = numbering && child(numbering, 'w:numbering');
  for (const abstract of top ? elements(top, 'w:abstractNum') : []) {
    const levels = new Map<number, Level>();
    for (const lvl of elements(abstract, 'w:lvl')) levels.set(Number(attribute(lvl, 'w:ilvl') ?? 0), readLevel(lvl));
    definitions.abstracts.set(attribute(abstract, 'w:abstractNumId') ?? '', {levels, linked: child(abstract, 'w:numStyleLink') !== undefined});
  }
  for (const num of top ? elements(top, 'w:num') : []) {
    const instance: ListInstance = {abstract: attribute(child(num, 'w:abstractNumId')) ?? '', starts: new Map(), levels: new Map()};
    for (const override of elements(num, 'w:lvlOverride')) {
      const level = Number(attribute(override, 'w:ilvl') ?? 0);
      const start = attribute(child(override, 'w:startOverride'));
      if (start !== undefined) instance.starts.set(level, Number(start));
      const lvl = child(override, 'w:lvl');
      if (lvl) instance.levels.set(level, readLevel(lvl));
    }
    definitions.instances.set(attribute(num, 'w:numId') ?? '', instance);
  }
  const sheet = styles && child(styles, 'w:styles');
  for (const style of sheet ? elements(sheet, 'w:style') : []) {
    if (attribute(style, 'w:type') !== 'paragraph') continue;
    const id = attribute(style, 'w:styleId') ?? '';
    const numPr = child(child(style, 'w:pPr'), 'w:numPr');
    const level = attribute(child(numPr, 'w:ilvl'));
    definitions.styles.set(id, {numId: attribute(child(numPr, 'w:numId')), level: level === undefined ? undefined : Number(level), basedOn: attribute(child(style, 'w:basedOn'))});
    if (attribute(style, 'w:default') === '1' || attribute(style, 'w:default') === 'true') definitions.defaultStyle = id;
  }
  return definitions;
}

function readLevel(lvl: Element): Level {
  const restart = attribute(child(lvl, 'w:lvlRestart'));
  const legal = child(lvl, 'w:isLgl');
  return {
    start: Number(attribute(child(lvl, 'w:start')) ?? 0),
    format: attribute(child(lvl, 'w:numFmt')) ?? 'decimal',
    text: attribute(child(lvl, 'w:lvlText')),
    restart: restart === undefined ? undefined : Number(restart),
    legal: legal !== undefined && attribute(legal) !== '0' && attribute(legal) !== 'false',
    suffix: attribute(child(lvl, 'w:suff')) ?? 'tab',
  };
}

/**
 * Count every numbered paragraph of `document` in order, write its number into it as
 * text and take its numbering off. Bulleted paragraphs keep their list formatting.
 */
export function numberParagraphs(document: Root, definitions: NumberingDefinitions): NumberingResult {
  const result: NumberingResult = {numbered: 0, problems: []};
  // Counters are kept per list definition: instances of one definition continue each
  // other, as Word's "continue numbering" does; a `w:startOverride` restarts its level
  // the first time its instance uses that level.
  const counters = new Map<string, Array<number | undefined>>();
  const overridden = new Set<string>();
  visit(document, 'element', (paragraph: Element) => {
    // An `mc:Choice` and its `mc:Fallback` hold the same paragraphs twice; the converter
    // reads the fallback, so that is the copy counted and numbered.
    if (paragraph.name === 'mc:Choice') return SKIP;
    if (paragraph.name !== 'w:p') return undefined;
    const found = paragraphNumbering(paragraph, definitions);
    if (found === undefined) return undefined;
    const text = () => quote(textOf(paragraph) || '(an empty paragraph)');
    if ('problem' in found) {
      result.problems.push({reason: `${found.problem} at ${text()}`});
      return undefined;
    }
    const {numId, level} = found;
    const instance = definitions.instances.get(numId);
    const abstract = instance && definitions.abstracts.get(instance.abstract);
    if (!instance || !abstract) {
      result.problems.push({reason: `Cannot compute the number of ${text()}: it refers to list ${numId}, which numbering.xml does not define`});
      return undefined;
    }
    if (abstract.linked) {
      result.problems.push({reason: `Cannot compute the number of ${text()}: its list is defined through a numbering style, which opsg does not read`});
      return undefined;
    }
    const levelOf = (index: number) => instance.levels.get(index) ?? abstract.levels.get(index);
    const definition = levelOf(level);
    if (!definition) {
      result.problems.push({reason: `Cannot compute the number of ${text()}: list ${numId} has no level ${level + 1}`});
      return undefined;
    }
    const values = counters.get(instance.abstract) ?? [];
    counters.set(instance.abstract, values);
    const key = `${numId}:${level}`;
    if (instance.starts.has(level) && !overridden.has(key)) {
      overridden.add(key);
      values[level] = instance.starts.get(level)! - 1;
    }
    values[level] = values[level] === undefined ? definition.start : values[level]! + 1;
    // A level starts again after any level above it is used, unless `w:lvlRestart` says otherwise.
    for (let deeper = level + 1; deeper < 9; deeper++) {
      const restart = levelOf(deeper)?.restart;
      if (restart === undefined || (restart > 0 && level < restart)) values[deeper] = undefined;
    }
    if (definition.format === 'bullet') return undefined;
    const label = labelOf(definition, values, levelOf);
    if ('problem' in label) {
      result.problems.push({reason: `Cannot compute the number of ${text()}: ${label.problem}`});
      return undefined;
    }
    writeNumber(paragraph, label.text, definition.suffix);
    result.numbered++;
    return undefined;
  });
  return result;
}

/** The list and level a paragraph is in: its own `w:numPr`, else its style's; undefined when none. */
function paragraphNumbering(paragraph: Element, definitions: NumberingDefinitions): {numId: string; level: number} | {problem: string} | undefined {
  const pPr = child(paragraph, 'w:pPr');
  const numPr = child(pPr, 'w:numPr');
  let numId = attribute(child(numPr, 'w:numId'));
  let level = attribute(child(numPr, 'w:ilvl')) === undefined ? undefined : Number(attribute(child(numPr, 'w:ilvl')));
  const seen = new Set<string>();
  let style = attribute(child(pPr, 'w:pStyle')) ?? definitions.defaultStyle;
  while ((numId === undefined || level === undefined) && style !== undefined && !seen.has(style)) {
    seen.add(style);
    const numbering = definitions.styles.get(style);
    if (!numbering) break;
    numId ??= numbering.numId;
    level ??= numbering.level;
    style = numbering.basedOn;
  }
  // `w:numId` 0 takes numbering off, as in a continuation paragraph inside an item.
  if (numId === undefined || numId === '0') return undefined;
  level ??= 0;
  if (!Number.isInteger(level) || level < 0 || level > 8) return {problem: `Cannot compute the number: level \`${level}\` is not a list level (0–8)`};
  return {numId, level};
}

/** The label Word shows: `w:lvlText` with each `%n` replaced by level n's number in its format. */
function labelOf(definition: Level, values: Array<number | undefined>, levelOf: (index: number) => Level | undefined): {text: string} | {problem: string} {
  if (!formats.has(definition.format)) return {problem: `its number format \`${definition.format}\` is one opsg does not write, expected decimal, letters or roman numerals`};
  if (definition.text === undefined) return {problem: 'its list level has no label pattern (`w:lvlText`)'};
  let problem: string | undefined;
  const text = definition.text.replace(/%([1-9])/g, (_, digit: string) => {
    const index = Number(digit) - 1;
    const level = levelOf(index);
    const value = values[index];
    if (!level || value === undefined) {
      problem ??= `its label \`${definition.text}\` shows level ${digit}, which has not been used before it`;
      return '';
    }
    const format = definition.legal ? 'decimal' : level.format;
    if (!formats.has(format) || format === 'bullet') {
      problem ??= `its label \`${definition.text}\` shows level ${digit} in the format \`${format}\`, which opsg does not write`;
      return '';
    }
    return formatNumber(value, format);
  });
  return problem === undefined ? {text} : {problem};
}

/** A number in one of the formats in `formats`. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'decimalZero':
      return value < 10 && value >= 0 ? `0${value}` : String(value);
    case 'lowerLetter':
    case 'upperLetter': {
      // Word's letters repeat past z: a … z, aa … zz, aaa …
      const letter = String.fromCharCode(97 + ((value - 1) % 26));
      const text = value < 1 ? String(value) : letter.repeat(Math.floor((value - 1) / 26) + 1);
      return format === 'upperLetter' ? text.toUpperCase() : text;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const text = roman(value);
      return format === 'lowerRoman' ? text.toLowerCase() : text;
    }
    case 'none':
      return '';
    default:
      return String(value);
  }
}

function roman(value: number): string {
  if (value < 1 || value > 3999) return String(value);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let rest = value;
  for (const [amount, letters] of table) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}

/** Put the label in front of the paragraph's text and take the paragraph's numbering off. */
function writeNumber(paragraph: Element, label: string, suffix: string): void {
  let pPr = child(paragraph, 'w:pPr');
  if (!pPr) {
    pPr = {type: 'element', name: 'w:pPr', attributes: {}, children: []};
    paragraph.children.unshift(pPr);
  }
  const off: Element = {type: 'element', name: 'w:numPr', attributes: {}, children: [
    {type: 'element', name: 'w:ilvl', attributes: {'w:val': '0'}, children: []},
    {type: 'element', name: 'w:numId', attributes: {'w:val': '0'}, children: []},
  ]};
  const at = pPr.children.findIndex((node) => node.type === 'element' && node.name === 'w:numPr');
  if (at === -1) pPr.children.splice(child(pPr, 'w:pStyle') ? 1 : 0, 0, off);
  else pPr.children[at] = off;
  if (label === '') return;
  // Word puts a tab (or a space) after the number; one space is what the text import reads.
  const run: Element = {type: 'element', name: 'w:r', attributes: {}, children: [
    {type: 'element', name: 'w:t', attributes: {'xml:space': 'preserve'}, children: [{type: 'text', value: suffix === 'nothing' ? label : label + ' '}]},
  ]};
  paragraph.children.splice(paragraph.children.indexOf(pPr) + 1, 0, run);
}
