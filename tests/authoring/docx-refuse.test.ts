import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import JSZip from 'jszip';
import {importDocuments} from '../../src/index.js';
import {makeSite, root, tempDir} from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const folder of made) fs.rmSync(folder, {recursive: true, force: true});
});

const auto = fs.readFileSync(path.join(root, 'tests/fixtures/docx/opsg-27-auto.docx'));

/** Import one file under `name`: the error messages, and whether anything was written. */
async function refusal(name: string, bytes: Buffer): Promise<{errors: string[]; wrote: boolean}> {
  const folder = makeSite({[name]: bytes}, tempDir());
  made.push(folder);
  const result = await importDocuments({cwd: folder, inputs: [{path: name}]});
  return {
    errors: result.files.flatMap((file) => file.messages.filter((m) => m.fatal === true).map((m) => `${file.path} ${m.ruleId}: ${m.reason}`)),
    wrote: result.written.length > 0 || fs.existsSync(path.join(folder, 'content')),
  };
}

/** Offset of a ZIP file's central directory (from its end record). */
function centralDirectory(bytes: Buffer): number {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  return bytes.readUInt32LE(end + 16);
}

describe('what is not a Word document is refused', () => {
  it('refuses a Word 97–2003 .doc', async () => {
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refusal('minutes.doc', doc)).toEqual({errors: ['minutes.doc import-word: Cannot read a Word 97–2003 document (.doc), expected a .docx: open it in Word or LibreOffice and save it as “Word Document (.docx)”'], wrote: false});
  });

  it('refuses a .docx that is not a ZIP archive', async () => {
    expect(await refusal('headlines.docx', Buffer.from('Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines\n'))).toEqual({errors: ['headlines.docx import-word: Cannot read this file as a Word document: it is not a ZIP archive, expected a .docx saved by Word or LibreOffice'], wrote: false});
  });

  it('refuses a renamed ZIP archive that has no word/document.xml', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'Not a Word document.');
    const bytes = await zip.generateAsync({type: 'nodebuffer', compression: 'DEFLATE'});
    expect(await refusal('headlines.docx', bytes)).toEqual({errors: ['headlines.docx import-word: Cannot read this Word document: it is a ZIP archive but not a Word document: it has no `word/document.xml`'], wrote: false});
  });

  it('refuses a ZIP archive whose entries declare more than the bound uncompressed', async () => {
    const bytes = Buffer.from(auto);
    // The first entry now claims 2 GB.
    bytes.writeUInt32LE(0x7fffffff, centralDirectory(bytes) + 24);
    const {errors, wrote} = await refusal('headlines.docx', bytes);
    expect(wrote).toBe(false);
    expect(errors).toEqual(['headlines.docx import-word: Cannot read this Word document: its entries declare more than 64 MB uncompressed, expected at most that (a ZIP bomb?)']);
  });

  it('stops inflating an entry that gives more than it declares (a ZIP bomb with lying sizes)', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', Buffer.alloc(1024 * 1024, 0x20), {createFolders: false});
    const bytes = await zip.generateAsync({type: 'nodebuffer', compression: 'DEFLATE'});
    bytes.writeUInt32LE(100, centralDirectory(bytes) + 24);
    const {errors, wrote} = await refusal('headlines.docx', bytes);
    expect(wrote).toBe(false);
    expect(errors).toEqual(['headlines.docx import-word: Cannot read this Word document: its entry `word/document.xml` inflates to more than the 100 bytes it declares (a ZIP bomb?)']);
  });

  it('refuses a ZIP archive with too many entries', async () => {
    const zip = new JSZip();
    for (let index = 0; index < 1001; index++) zip.file(`word/media/${index}.txt`, '', {createFolders: false});
    const bytes = await zip.generateAsync({type: 'nodebuffer', compression: 'STORE'});
    expect((await refusal('headlines.docx', bytes)).errors).toEqual(['headlines.docx import-word: Cannot read this Word document: it has 1001 entries, expected at most 1000']);
  });

  it('refuses a Word file over its size limit before reading it', async () => {
    const {errors} = await refusal('big.docx', Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(errors).toEqual(['big.docx content-size: Unexpected Word file size of 10.0 MB, expected at most 10 MB']);
  });

  it('reads a Word document by its content whatever its name', async () => {
    const folder = makeSite({'headlines.bin': auto}, tempDir());
    made.push(folder);
    const result = await importDocuments({cwd: folder, inputs: [{path: 'headlines.bin'}]});
    expect(result.written).toEqual(['content/opsg/2019/opsg-27.md']);
  });
});
