import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {LevelFormat, Paragraph, TextRun} from 'docx';
import type {Element, Root} from 'xast';
import {importDocuments} from '../../src/index.js';
import {agendaList, docxOf, editPart, item, statement, title} from './docx-build.js';
import {makeSite, tempDir} from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) fs.rmSync(folder, {recursive: true, force: true});
});

/** Import one Word file; the written body (after the front matter), or undefined, and every message. */
async function importWord(bytes: Buffer): Promise<{body: string | undefined; messages: string[]; errors: string[]}> {
  const folder = makeSite({'headlines.docx': bytes}, tempDir());
  made.push(folder);
  const result = await importDocuments({cwd: folder, inputs: [{path: 'headlines.docx'}]});
  const messages = result.files.flatMap((file) => file.messages.map((m) => `${m.ruleId}: ${m.reason}`));
  const errors = result.files.flatMap((file) => file.messages.filter((m) => m.fatal === true).map((m) => `${m.ruleId}: ${m.reason}`));
  const written = result.written[0];
  if (written === undefined) return {body: undefined, messages, errors};
  const text = fs.readFileSync(path.join(folder, written), 'utf8');
  return {body: text.slice(text.indexOf('\n---\n') + 5), messages, errors};
}

/** The item lines of a body: `6. **Title (Owner)**`. */
function numbers(body: string | undefined): string[] {
  return [...(body ?? '').matchAll(/^(\S+) \*\*([^*]+)\*\*/gm)].map((m) => `${m[1]} ${m[2]}`);
}

const head = (): Paragraph[] => [statement(), title()];

/** Find the `w:p` whose text contains `text`. */
function paragraphWith(root: Root, text: string): Element {
  let found: Element | undefined;
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.name === 'w:p' && JSON.stringify(child).includes(text)) found ??= child;
      else walk(child);
    }
  };
  walk(root);
  if (!found) throw new Error(`no paragraph with ${text}`);
  return found;
}

describe('numbers as Word shows them', () => {
  it('starts a list at its start value and continues it over paragraphs without numbers', async () => {
    const bytes = await docxOf([
      ...head(),
      item('Major Incident (SECAS/DCC)', 'The DCC reported.', {reference: 'agenda', level: 0}),
      new Paragraph('A continuation paragraph, without a number.'),
      item('Alerts (DCC)', 'The DCC reported progress.', {reference: 'agenda', level: 0}),
      item('AOB (OPSG Chair)', 'None.', {reference: 'agenda', level: 0}),
    ], {lists: [agendaList('agenda', 4)]});
    const {body, errors} = await importWord(bytes);
    expect(errors).toEqual([]);
    expect(numbers(body)).toEqual(['4. Major Incident (SECAS/DCC)', '5. Alerts (DCC)', '6. AOB (OPSG Chair)']);
    expect(body).toContain('\n\nA continuation paragraph, without a number.\n\n');
  });

  it('restarts a list where Word restarts it (a new list instance), at its start value', async () => {
    const bytes = await docxOf([
      ...head(),
      item('One (A)', 'Text.', {reference: 'agenda', level: 0, instance: 1}),
      item('Two (A)', 'Text.', {reference: 'agenda', level: 0, instance: 1}),
      item('Again (B)', 'Text.', {reference: 'agenda', level: 0, instance: 2}),
      item('More (B)', 'Text.', {reference: 'agenda', level: 0, instance: 2}),
    ], {lists: [agendaList('agenda', 6)]});
    expect(numbers((await importWord(bytes)).body)).toEqual(['6. One (A)', '7. Two (A)', '6. Again (B)', '7. More (B)']);
  });

  it('gives a `w:startOverride` precedence over the list’s `w:start`', async () => {
    let bytes = await docxOf([
      ...head(),
      item('Before (A)', 'Text.', {reference: 'agenda', level: 0, instance: 1}),
      item('Override (B)', 'Text.', {reference: 'agenda', level: 0, instance: 2}),
      item('After (B)', 'Text.', {reference: 'agenda', level: 0, instance: 2}),
    ], {lists: [agendaList('agenda', 4)]});
    // The second instance starts its level 0 at 13, whatever the definition says.
    bytes = await editPart(bytes, 'word/numbering.xml', (root) => {
      const nums: Element[] = [];
      const walk = (node: Root | Element) => {
        for (const child of node.children) if (child.type === 'element') (child.name === 'w:num' ? nums.push(child) : walk(child));
      };
      walk(root);
      // The last list instance is the second one of `agenda`: its level 0 override.
      const override = nums.at(-1)!.children.find((node): node is Element => node.type === 'element' && node.name === 'w:lvlOverride' && node.attributes['w:ilvl'] === '0')!;
      const start = override.children.find((node): node is Element => node.type === 'element' && node.name === 'w:startOverride')!;
      expect(start.attributes['w:val']).toBe('4');
      start.attributes['w:val'] = '13';
    });
    expect(numbers((await importWord(bytes)).body)).toEqual(['4. Before (A)', '13. Override (B)', '14. After (B)']);
  });

  it('takes the number off a paragraph with `w:numId` 0 without counting it', async () => {
    let bytes = await docxOf([
      ...head(),
      item('First (A)', 'Text.', {reference: 'agenda', level: 0}),
      item('Continued (A)', 'More about the first item.', {reference: 'agenda', level: 0}),
      item('Second (B)', 'Text.', {reference: 'agenda', level: 0}),
    ], {lists: [agendaList('agenda', 8)]});
    bytes = await editPart(bytes, 'word/document.xml', (root) => {
      const paragraph = paragraphWith(root, 'Continued (A)');
      const pPr = paragraph.children.find((node): node is Element => node.type === 'element' && node.name === 'w:pPr')!;
      const numPr = pPr.children.find((node): node is Element => node.type === 'element' && node.name === 'w:numPr')!;
      const id = numPr.children.find((node): node is Element => node.type === 'element' && node.name === 'w:numId')!;
      id.attributes['w:val'] = '0';
    });
    const {body} = await importWord(bytes);
    expect(numbers(body)).toEqual(['8. First (A)', '9. Second (B)']);
    expect(body).toContain('\n\n**Continued (A)**: More about the first item.\n\n');
  });

  it('writes a second level as Word shows it (`4.1.`), and letters and roman numerals', async () => {
    const bytes = await docxOf([
      ...head(),
      item('Top (A)', 'Text.', {reference: 'agenda', level: 0}),
      item('Sub (A)', 'Text.', {reference: 'agenda', level: 1}),
      item('Sub again (A)', 'Text.', {reference: 'agenda', level: 1}),
      item('Next (B)', 'Text.', {reference: 'agenda', level: 0}),
      item('Sub restarts (B)', 'Text.', {reference: 'agenda', level: 1}),
      item('Letter (C)', 'Text.', {reference: 'letters', level: 0}),
      item('Roman (D)', 'Text.', {reference: 'roman', level: 0}),
    ], {lists: [agendaList('agenda', 4), agendaList('letters', 2, LevelFormat.LOWER_LETTER), agendaList('roman', 4, LevelFormat.UPPER_ROMAN)]});
    const {body, errors} = await importWord(bytes);
    expect(errors).toEqual([]);
    expect(numbers(body)).toEqual(['4. Top (A)', '4.1. Sub (A)', '4.2. Sub again (A)', '5. Next (B)', '5.1. Sub restarts (B)', 'b. Letter (C)', 'IV. Roman (D)']);
  });

  it('refuses a number format it cannot write, naming the paragraph, and writes nothing', async () => {
    const bytes = await docxOf([
      ...head(),
      item('Fine (A)', 'Text.', {reference: 'agenda', level: 0}),
      item('Spelled out (B)', 'Text.', {reference: 'words', level: 0}),
    ], {lists: [agendaList('agenda', 4), agendaList('words', 5, LevelFormat.ORDINAL_TEXT)]});
    const {body, errors} = await importWord(bytes);
    expect(body).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/^import-word-numbering: Cannot compute the number of “Spelled out \(B\): Text\.”: its number format `ordinalText` is one opsg does not write/)]);
  });

  it('refuses a label that shows a level not yet used', async () => {
    const bytes = await docxOf([...head(), item('Orphan (A)', 'Text.', {reference: 'agenda', level: 1})], {lists: [agendaList('agenda', 4)]});
    const {body, errors} = await importWord(bytes);
    expect(body).toBeUndefined();
    expect(errors).toEqual([expect.stringContaining('“Orphan (A): Text.”: its label `%1.%2.` shows level 1, which has not been used before it')]);
  });

  it('refuses a paragraph in a list that numbering.xml does not define', async () => {
    let bytes = await docxOf([...head(), item('Lost (A)', 'Text.', {reference: 'agenda', level: 0})], {lists: [agendaList('agenda', 4)]});
    bytes = await editPart(bytes, 'word/document.xml', (root) => {
      const paragraph = JSON.stringify(paragraphWith(root, 'Lost (A)'));
      expect(paragraph).toContain('w:numId');
      const walk = (node: Root | Element) => {
        for (const child of node.children) if (child.type === 'element') (child.name === 'w:numId' ? (child.attributes['w:val'] = '77') : walk(child));
      };
      walk(root);
    });
    const {errors} = await importWord(bytes);
    expect(errors).toEqual([expect.stringContaining('Cannot compute the number of “Lost (A): Text.”: it refers to list 77, which numbering.xml does not define')]);
  });

  it('numbers paragraphs whose style is numbered, and reports the converter’s warning with the paragraph', async () => {
    const bytes = await docxOf([
      ...head(),
      new Paragraph({style: 'AgendaItem', children: [new TextRun({text: 'Major Incident (SECAS/DCC)', bold: true}), new TextRun(': Text.')]}),
      new Paragraph({style: 'AgendaItem', children: [new TextRun({text: 'Alerts (DCC)', bold: true}), new TextRun(': Text.')]}),
    ], {lists: [agendaList('agenda', 7)], styles: {paragraphStyles: [{id: 'AgendaItem', name: 'Agenda Item', paragraph: {numbering: {reference: 'agenda', level: 0}}}]}});
    const {body, messages, errors} = await importWord(bytes);
    expect(errors).toEqual([]);
    expect(numbers(body)).toEqual(['7. Major Incident (SECAS/DCC)', '8. Alerts (DCC)']);
    expect(messages).toEqual(["import-word-converter: Unrecognised paragraph style: 'Agenda Item' (Style ID: AgendaItem), first at “7. Major Incident (SECAS/DCC): Text.”"]);
  });

  it('refuses a list defined through a numbering style, which it does not model', async () => {
    let bytes = await docxOf([...head(), item('Linked (A)', 'Text.', {reference: 'agenda', level: 0})], {lists: [agendaList('agenda', 4)]});
    bytes = await editPart(bytes, 'word/numbering.xml', (root) => {
      const walk = (node: Root | Element) => {
        for (const child of node.children) {
          if (child.type !== 'element') continue;
          if (child.name === 'w:abstractNum') child.children.unshift({type: 'element', name: 'w:numStyleLink', attributes: {'w:val': 'AgendaNumbering'}, children: []});
          else walk(child);
        }
      };
      walk(root);
    });
    const {body, errors} = await importWord(bytes);
    expect(body).toBeUndefined();
    expect(errors).toEqual([expect.stringContaining('Cannot compute the number of “Linked (A): Text.”: its list is defined through a numbering style, which opsg does not read')]);
  });
});
