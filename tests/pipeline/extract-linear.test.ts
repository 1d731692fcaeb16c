/**
 * The extract stage reads each hostile shape of about 200 KB and gives the right result.
 * No timing is asserted here (bench/ prints times); a regular expression that backtracked
 * quadratically over these inputs would not finish within the test timeout.
 */
import {describe, expect, it} from 'vitest';
import {VFile} from 'vfile';
import {parse} from '../../src/pipeline/parse.js';
import {extract} from '../../src/pipeline/extract.js';
import {resolveSettings} from '../../src/config.js';
import {root, whiteStatement} from '../helpers.js';

const settings = resolveSettings({cwd: root}, {}, undefined);
const spaces = ' '.repeat(200_000);
const frontMatter = '---\ngroup: OPSG\nmeeting: 1\ndate: 2019-12-03\nclassification: White\n---\n\n' + whiteStatement + '\n\n';

function body(markdown: string) {
  const file = new VFile({path: 'meeting.md', value: frontMatter + markdown});
  parse(file);
  extract(file, settings);
  return file.data.body!;
}

describe('extracting hostile shapes of 200 KB', () => {
  it('a title line with a long run of spaces before `Headlines`', () => {
    const result = body(`Operations Group (OPSG) Meeting 1 on a${spaces}b Headlines\n\n1. Item (O): text\n`);
    expect(result.titleLine).toMatchObject({group: 'OPSG', meeting: 1, date: undefined});
    expect(result.titleLine!.text).toHaveLength(`Operations Group (OPSG) Meeting 1 on a${spaces}b Headlines`.length);
    expect(result.items.map((item) => [item.number, item.title, item.owner])).toEqual([[1, 'Item', 'O']]);
  });

  it('a title line whose date is followed by a long run of spaces', () => {
    const result = body(`Operations Group (OPSG) Meeting 1 on 3 December 2019${spaces}Headlines\n\n1. Item (O): text\n`);
    expect(result.titleLine).toMatchObject({meeting: 1, date: '2019-12-03'});
  });

  it('an item heading with a long run of spaces inside its title', () => {
    const result = body(`## 1. x${spaces}y\n\ntext\n`);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.title).toBe('x y');
    expect(result.items[0]!.owner).toBeUndefined();
  });

  it('an item heading with an owner and a long run of spaces before its colon', () => {
    const result = body(`## 1. Title (Owner)${spaces}:\n\ntext\n`);
    expect(result.items.map((item) => [item.number, item.title, item.owner])).toEqual([[1, 'Title', 'Owner']]);
  });

  it('a list item `1. Item (O)`, a long run of spaces, then `x:`', () => {
    const result = body(`1. Item (O)${spaces}x: text\n`);
    // Neither colon rule applies (`x:` is too far from the start): the item has no title.
    expect(result.items.map((item) => [item.number, item.title, item.owner])).toEqual([[1, '', undefined]]);
    expect(result.items[0]!.content).toHaveLength(1);
  });

  it('a list item whose text ends in a long run of spaces and many parentheses', () => {
    const result = body(`1. Item (O): text ${'( '.repeat(50_000)}${spaces}end\n`);
    expect(result.items.map((item) => [item.number, item.title, item.owner])).toEqual([[1, 'Item', 'O']]);
  });

  it('a list item with no colon and a long run of spaces before its owner', () => {
    const result = body(`1. Item${spaces}(O)\n`);
    expect(result.items.map((item) => [item.number, item.title, item.owner])).toEqual([[1, 'Item', 'O']]);
  });

  it('a next-meeting line with a long run of spaces before its date', () => {
    const result = body(`1. Item (O): text\n\nNext meeting:${spaces}7 January 2020\n\nNext Reporting Meeting: 27 January 2020${spaces}x\n`);
    expect(result.next.map((line) => [line.label, line.date])).toEqual([['Next meeting', '2020-01-07'], ['Next Reporting Meeting', '2020-01-27']]);
  });

  it('many lone allowed tags and many unknown ones', () => {
    const result = body(`1. Item (O): ${'<sup> '.repeat(10_000)}${'<x> '.repeat(10_000)}\n`);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.content).toHaveLength(1);
  });
});
