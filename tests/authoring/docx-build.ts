/** Word files built in code for the import tests (the `docx` package), and a way to edit one part of one. */
import JSZip from 'jszip';
import {fromXml} from 'xast-util-from-xml';
import {toXml} from 'xast-util-to-xml';
import type {Root} from 'xast';
import {Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ILevelsOptions, type ISectionOptions, type ParagraphChild} from 'docx';

/** The standard White statement, in runs, the level in bold as secretariats write it. */
export function statement(level = 'White'): Paragraph {
  return new Paragraph({children: [new TextRun('This document is classified as '), new TextRun({text: level, bold: true}), new TextRun(' in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.')]});
}

/** The seed's title line as a Heading 1. */
export function title(text = 'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines'): Paragraph {
  return new Paragraph({text, heading: HeadingLevel.HEADING_1});
}

/** An agenda item paragraph: title and owner in bold, then the text; numbered when `numbering` is given. */
export function item(head: string, text: string, numbering?: {reference: string; level: number; instance?: number}): Paragraph {
  const children: ParagraphChild[] = [new TextRun({text: head, bold: true}), new TextRun(`: ${text}`)];
  return new Paragraph(numbering ? {children, numbering} : {children});
}

/** A list definition: decimal `%1.` at level 0 from `start`, and `%1.%2.` below it. */
export function agendaList(reference: string, start: number, format: (typeof LevelFormat)[keyof typeof LevelFormat] = LevelFormat.DECIMAL): {reference: string; levels: ILevelsOptions[]} {
  return {reference, levels: [
    {level: 0, format, text: '%1.', start},
    {level: 1, format: LevelFormat.DECIMAL, text: '%1.%2.', start: 1},
  ]};
}

/** Pack a document of one section. */
export async function docxOf(children: Paragraph[] | ISectionOptions['children'], options: {lists?: Array<{reference: string; levels: ILevelsOptions[]}>; section?: Omit<ISectionOptions, 'children'>; comments?: ConstructorParameters<typeof Document>[0]['comments']; styles?: ConstructorParameters<typeof Document>[0]['styles']} = {}): Promise<Buffer> {
  const document = new Document({
    numbering: {config: options.lists ?? []},
    ...(options.comments ? {comments: options.comments} : {}),
    ...(options.styles ? {styles: options.styles} : {}),
    sections: [{...options.section, children}],
  });
  return Packer.toBuffer(document);
}

/** Edit one XML part of a Word file through its tree (the way opsg reads it). */
export async function editPart(bytes: Buffer, name: string, edit: (root: Root) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file(name);
  if (!part) throw new Error(`no ${name}`);
  const root = fromXml(await part.async('string'));
  edit(root);
  zip.file(name, toXml(root));
  return zip.generateAsync({type: 'nodebuffer', compression: 'DEFLATE'});
}
