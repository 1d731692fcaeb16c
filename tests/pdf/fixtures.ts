/** Meetings for the PDF tests: the seed's agenda, and a long generated meeting. */
import {meeting, seedText} from '../helpers.js';

/** One agenda item as the PDF should show it. */
export interface ExpectedItem {
  /** Its number. */
  number: number;
  /** The heading line: `N. Title (Owner)`. */
  heading: string;
  /** The last words of its text, to find where the item ends. */
  ending: string;
}

/** The seed's items: heading and last words, from the seed text. */
export function seedItems(): ExpectedItem[] {
  const items: ExpectedItem[] = [];
  for (const paragraph of seedText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    if (/^Next (Regular|Reporting) Meeting/.test(paragraph)) break;
    const start = /^(\d+)\. ([^:]*?\([^)]*\)): /.exec(paragraph);
    // Markdown marks and placeholder links do not print; only the words do.
    const words = paragraph.replace(/\*|\[|\]\(#\)|\]/g, '').split(/\s+/);
    if (start) items.push({number: Number(start[1]), heading: `${start[1]}. ${start[2]}`, ending: ''});
    const item = items.at(-1);
    if (item) item.ending = words.slice(-4).join(' ');
  }
  return items;
}

/** A generated meeting of many items over several pages, and what it should print. */
export interface LongMeeting {
  /** The meeting file. */
  markdown: string;
  /** The items, in order. */
  items: ExpectedItem[];
  /** The number of the one item longer than a page. */
  longItem: number;
}

const subjects = ['The DCC', 'The OPSG', 'CSP North', 'CSP Central and South', 'SECAS', 'A Large Supplier member', 'The Panel'];
const verbs = ['reported on', 'asked for an update on', 'agreed the plan for', 'noted the risks in', 'questioned the figures in', 'supported the proposal on'];
const objects = ['the alert volumes in each region', 'the firmware upgrade success rates', 'the resilience testing schedule', 'the operational metrics workshop', 'the review report for the incident', 'the migration of SMETS1 meters'];

/**
 * A meeting of 36 items of one to four paragraphs (each well under a page), with item
 * numbers that skip, and one item longer than a page. Every item's text starts with
 * `Item N begins.` and ends with `Item N ends.`. Deterministic: a fixed pseudo-random
 * sequence chooses the lengths.
 */
export function longMeeting(): LongMeeting {
  let seed = 20200602;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The high bits: the low bits of this generator repeat with a short period.
    return Math.floor(seed / 65536) % n;
  };
  const sentence = () => `${subjects[next(subjects.length)]} ${verbs[next(verbs.length)]} ${objects[next(objects.length)]}.`;
  const paragraph = (sentences: number) => Array.from({length: sentences}, sentence).join(' ');
  const items: ExpectedItem[] = [];
  const blocks: string[] = [];
  let number = 1;
  const longIndex = 14;
  for (let index = 0; index < 36; index++) {
    const long = index === longIndex;
    const paragraphs = Array.from({length: long ? 16 : 1 + next(4)}, () => paragraph(long ? 6 : 2 + next(4)));
    paragraphs[0] = `Item ${number} begins. ${paragraphs[0]}`;
    paragraphs[paragraphs.length - 1] += ` Item ${number} ends.`;
    blocks.push(`${number}. Topic ${number} (DCC): ${paragraphs.join('\n\n')}`);
    items.push({number, heading: `${number}. Topic ${number} (DCC)`, ending: `Item ${number} ends.`});
    number += 1 + next(2);
  }
  return {markdown: meeting({meeting: 40, date: '2020-06-02', items: blocks.join('\n\n')}), items, longItem: items[longIndex]!.number};
}
