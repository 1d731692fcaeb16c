import type {Rule} from './rule.js';

const required = ['group', 'meeting', 'date'];

/** Fields every meeting needs (classification has a rule of its own). */
export const frontMatterRequired: Rule = {
  id: 'front-matter-required',
  description: 'Front matter has `group`, `meeting` and `date`',
  severity: 'error',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (!frontMatter?.present || file.messages.some((m) => m.ruleId === 'front-matter-yaml')) return;
    for (const field of required) {
      if (!(field in frontMatter.values) || frontMatter.values[field] === null) {
        const end = frontMatter.position?.end;
        const place = frontMatter.keys[field] ?? (end ? {line: end.line, column: 1} : undefined);
        report(`Missing \`${field}\` in front matter: expected ${example[field]}`, place);
      }
    }
  },
};

const example: Record<string, string> = {
  group: 'a group code such as `group: OPSG`',
  meeting: 'the meeting number such as `meeting: 27`',
  date: 'the meeting date such as `date: 2019-12-03`',
};
