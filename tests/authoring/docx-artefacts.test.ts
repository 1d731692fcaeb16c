import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, ExternalHyperlink, Footer, Header, InsertedTextRun, Paragraph, Tab, Table, TableCell, TableRow, TextRun} from 'docx';
import {importDocuments} from '../../src/index.js';
import {docxOf, item, statement, title} from './docx-build.js';
import {makeSite, tempDir} from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) fs.rmSync(folder, {recursive: true, force: true});
});

async function importWord(bytes: Buffer): Promise<{body: string | undefined; messages: Array<{ruleId: string | undefined; reason: string; fatal: boolean | null | undefined}>}> {
  const folder = makeSite({'headlines.docx': bytes}, tempDir());
  made.push(folder);
  const result = await importDocuments({cwd: folder, inputs: [{path: 'headlines.docx'}]});
  const messages = result.files.flatMap((file) => file.messages.map((m) => ({ruleId: m.ruleId, reason: m.reason, fatal: m.fatal})));
  const written = result.written[0];
  if (written === undefined) {
    expect(fs.existsSync(path.join(folder, 'content'))).toBe(false);
    return {body: undefined, messages};
  }
  const text = fs.readFileSync(path.join(folder, written), 'utf8');
  return {body: text.slice(text.indexOf('\n---\n') + 5), messages};
}

const errors = (messages: Array<{ruleId: string | undefined; reason: string; fatal: boolean | null | undefined}>) => messages.filter((m) => m.fatal === true).map((m) => `${m.ruleId}: ${m.reason}`);

const intro = 'At every meeting, the OPSG will focus on cross-industry matters.';

describe('Word’s artefacts', () => {
  it('keeps smart quotes and dashes, and turns non-breaking spaces, tabs after numbers and soft breaks into Markdown', async () => {
    const bytes = await docxOf([
      statement(),
      title(),
      new Paragraph(''),
      new Paragraph({children: [new TextRun('The OPSG’s “view” – agreed — from 11am\u00A0–\u00A04pm.')]}),
      new Paragraph(''),
      new Paragraph(''),
      new Paragraph({children: [new TextRun({children: ['4.', new Tab()]}), new TextRun({text: 'Major Incident (SECAS/DCC)', bold: true}), new TextRun(': First line.'), new TextRun({text: 'Second line.', break: 1})]}),
      new Paragraph({children: [new TextRun('See the '), new ExternalHyperlink({children: [new TextRun('SECAS website')], link: 'https://smartenergycodecompany.co.uk/'}), new TextRun('.')]}),
      new Table({rows: [
        new TableRow({children: [new TableCell({children: [new Paragraph('Party')]}), new TableCell({children: [new Paragraph('Action')]})]}),
        new TableRow({children: [new TableCell({children: [new Paragraph('DCC')]}), new TableCell({children: [new Paragraph('Report in January')]})]}),
      ]}),
      new Paragraph('Next Regular Meeting Date: 7 January 2020'),
    ]);
    const {body, messages} = await importWord(bytes);
    expect(errors(messages)).toEqual([]);
    expect(body).toContain('The OPSG’s “view” – agreed — from 11am – 4pm.');
    expect(body).not.toContain('\u00A0');
    expect(body).toContain('\n\n4. **Major Incident (SECAS/DCC)**: First line.\\\nSecond line.\n\n');
    expect(body).toContain('See the [SECAS website](https://smartenergycodecompany.co.uk/).');
    expect(body).toMatch(/\n\| Party +\| Action +\|\n\| -+ \| -+ \|\n\| DCC +\| Report in January \|\n/);
    // Empty paragraphs leave no empty blocks.
    expect(body).not.toMatch(/\n\n\n/);
  });

  it('never imports comments', async () => {
    const bytes = await docxOf([
      statement(),
      title(),
      new Paragraph({children: [new CommentRangeStart(0), new TextRun(intro), new CommentRangeEnd(0), new TextRun({children: [new CommentReference(0)]})]}),
    ], {comments: {children: [{id: 0, author: 'Reviewer', children: [new Paragraph('Do not publish this remark')]}]}});
    const {body, messages} = await importWord(bytes);
    expect(body).toContain(intro);
    expect(body).not.toContain('Do not publish');
    expect(messages).toEqual([expect.objectContaining({ruleId: 'import-word-comments', reason: '1 comment is not imported: comments are never published'})]);
  });

  it('refuses a document with unaccepted tracked changes, and says so', async () => {
    const bytes = await docxOf([
      statement(),
      title(),
      new Paragraph({children: [new TextRun('The OPSG '), new DeletedTextRun({text: 'rejected', id: 1, author: 'Secretariat', date: '2019-12-04T10:00:00Z'}), new InsertedTextRun({text: 'approved', id: 2, author: 'Secretariat', date: '2019-12-04T10:00:00Z'}), new TextRun(' the plan.')]}),
    ]);
    const {body, messages} = await importWord(bytes);
    expect(body).toBeUndefined();
    expect(errors(messages)).toEqual([expect.stringMatching(/^import-word-changes: Unexpected tracked changes in `word\/document\.xml` \(1 deletion, 1 insertion\), the first at “The OPSG approved the plan\.”: accept or reject every change in Word/)]);
  });

  it('counts a classification label in a header: one that disagrees with the statement stops the import', async () => {
    const body = [statement(), title(), new Paragraph(intro), item('AOB (OPSG Chair)', 'None.')];
    const amber = await importWord(await docxOf(body, {section: {headers: {default: new Header({children: [new Paragraph('TLP:AMBER')]})}}}));
    expect(amber.body).toBeUndefined();
    expect(errors(amber.messages)).toEqual([expect.stringContaining('import-word-classification: Unexpected classification label `TLP:AMBER` in `word/header1.xml` (“TLP:AMBER”), but the statement says `White`')]);

    const confidential = await importWord(await docxOf(body, {section: {footers: {default: new Footer({children: [new Paragraph('CONFIDENTIAL')]})}}}));
    expect(errors(confidential.messages)).toEqual([expect.stringContaining('Unexpected classification label `CONFIDENTIAL`')]);

    // A label that agrees, and header text that is no label, import; the header's words are not in the body.
    const white = await importWord(await docxOf(body, {section: {headers: {default: new Header({children: [new Paragraph('Classification: White'), new Paragraph('OPSG headlines, page 1')]})}}}));
    expect(errors(white.messages)).toEqual([]);
    expect(white.body).not.toContain('page 1');
  });

  it('reports images, which are not imported', async () => {
    const {ImageRun} = await import('docx');
    // A one-pixel PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const bytes = await docxOf([statement(), title(), new Paragraph({children: [new TextRun(intro), new ImageRun({type: 'png', data: png, transformation: {width: 10, height: 10}})]})]);
    const {body, messages} = await importWord(bytes);
    expect(body).toContain(intro);
    expect(body).not.toContain('data:');
    expect(messages).toEqual([expect.objectContaining({ruleId: 'import-word-image', fatal: false})]);
  });

  it('refuses hidden text, which Word does not show', async () => {
    const bytes = await docxOf([statement(), title(), new Paragraph({children: [new TextRun(intro), new TextRun({text: ' Internal: do not circulate.', vanish: true})]})]);
    const {body, messages} = await importWord(bytes);
    expect(body).toBeUndefined();
    expect(errors(messages)).toEqual([expect.stringMatching(/^import-word-hidden: Unexpected hidden text in `word\/document\.xml` \(1 run\), the first “Internal: do not circulate\.”: Word does not show it/)]);
  });
});
