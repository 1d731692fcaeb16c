import {parseIsoDate} from '../dates.js';
import {groupPattern} from '../pipeline/extract.js';
import type {Rule} from './rule.js';

/** Each known field has the right kind of value. */
export const frontMatterType: Rule = {
  id: 'front-matter-type',
  description: 'Front-matter values have the expected types: a positive integer meeting, real calendar dates, a known status',
  severity: 'error',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (!frontMatter?.present) return;
    const values = frontMatter.values;
    const at = (key: string) => frontMatter.valuePositions[key];
    const show = (value: unknown) => '`' + (typeof value === 'string' ? value : JSON.stringify(value)) + '`';
    if ('group' in values && values.group !== null && (typeof values.group !== 'string' || !groupPattern.test(values.group.trim()))) {
      report(`Unexpected group ${show(values.group)}, expected a code of letters, digits and hyphens such as \`OPSG\``, at('group'));
    }
    if ('meeting' in values && values.meeting !== null && !(Number.isSafeInteger(values.meeting) && (values.meeting as number) > 0)) {
      report(`Unexpected meeting ${show(values.meeting)}, expected a positive integer such as \`27\``, at('meeting'));
    }
    for (const key of ['date', 'next_meeting', 'next_reporting_meeting']) {
      if (key in values && values[key] !== null && parseIsoDate(values[key]) === undefined) {
        report(`Unexpected ${key} ${show(values[key])}, expected a real calendar date as \`YYYY-MM-DD\``, at(key));
      }
    }
    if ('status' in values && values.status !== 'final' && values.status !== 'draft') {
      report(`Unexpected status ${show(values.status)}, expected \`final\` or \`draft\``, at('status'));
    }
    if ('title' in values && typeof values.title !== 'string') {
      report(`Unexpected title ${show(values.title)}, expected text`, at('title'));
    }
  },
};
