import type {Code, Html, Root} from 'mdast';
import type {VFile} from 'vfile';
import {toString} from 'mdast-util-to-string';
import type {Reporter, Rule} from './rule.js';

// Lines that start like an agenda item but are not one in Markdown: as written they join
// the item before them and the item vanishes from the page.
const lookAlikes: Array<{pattern: RegExp; why: string}> = [
  {pattern: /^(\d{1,9})\)[ \t]*(\S.*)$/, why: 'a `)` after the number'},
  {pattern: /^(\d{1,9}):[ \t]*([A-Za-z].*)$/, why: 'a `:` after the number'},
  {pattern: /^(\d{1,9})\.([A-Za-z].*)$/, why: 'no space after `.`'},
  {pattern: /^(\d{1,9})\t+[ \t]*(\S.*)$/, why: 'a tab but no `.` after the number'},
  // `6 CSP N Alerts (DCC): …`; up to three digits, so a line starting with a year is text.
  {pattern: /^(\d{1,3}) +([A-Z][^\n]{0,200}?(?:\([^()\n]*\))?\s*:(?:\s.*)?)$/, why: 'no `.` after the number'},
];

/** A top-level line that starts like `N. Title (Owner):` but is not an item: it would join the item before it. */
export const agendaItemForm: Rule = {
  id: 'agenda-item-form',
  description: 'A line that starts like an agenda item is one: `6. Title (Owner): text`, never `6 Title`, `6) Title`, `6: Title` or `6.Title`',
  severity: 'error',
  walk(file, report) {
    const tree = file.data.tree;
    if (!tree) return undefined;
    // Documents whose items are `## 6. Title` headings keep numbered lines as content.
    if (tree.children.some((block) => block.type === 'heading' && block.depth > 1 && /^\s*\d{1,9}[.)]\s/.test(toString(block)))) return undefined;
    // Lines inside code and raw HTML are not Markdown lines.
    const skip = new Set<number>();
    const mark = (node: Code | Html): void => {
      if (!node.position) return;
      for (let line = node.position.start.line; line <= node.position.end.line; line++) skip.add(line);
    };
    return {handlers: {code: mark, html: mark}, end: () => lookAlikeLines(file, tree, skip, report)};
  },
};

/** Report the lines outside `skip` that start like an agenda item but are not one. */
function lookAlikeLines(file: VFile, tree: Root, skip: ReadonlySet<number>, report: Reporter): void {
  const lines = String(file.value ?? '').split('\n');
  const first = tree.children[0]?.position?.start.line ?? lines.length + 1;
  for (let index = first - 1; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (skip.has(index + 1) || !/^\d/.test(line) || /^\d{1,9}\.(?:[ \t]|$)/.test(line)) continue;
    for (const {pattern, why} of lookAlikes) {
      const match = pattern.exec(line);
      if (!match) continue;
      const fixed = `${match[1]}. ${match[2]!.trim()}`;
      report(`Unexpected line \`${line.slice(0, 40).trim()}${line.length > 40 ? '…' : ''}\` that starts like agenda item ${match[1]} with ${why}: as written it joins the item before it; write \`${fixed.length > 50 ? fixed.slice(0, 50) + '…' : fixed}\``, {line: index + 1, column: 1});
      break;
    }
  }
}
