import {levelName, parseLevel} from '../classification.js';
import type {Rule} from './rule.js';

/** The body says one level and the front matter another: a contradiction fails closed. */
export const classificationStatementMismatch: Rule = {
  id: 'classification-statement-mismatch',
  description: 'The body’s classification statement names the same level as the front matter',
  severity: 'error',
  locked: true,
  check(file, report) {
    const statement = file.data.body?.statement;
    if (!statement) return;
    const front = parseLevel(file.data.frontMatter?.values.classification);
    if (statement.level === undefined) {
      report(`Unexpected classification \`${statement.written}\` in the statement, expected \`White\`, \`Green\`, \`Amber\` or \`Red\``, statement.position);
    } else if (front !== undefined && statement.level !== front) {
      report(`Unexpected classification \`${statement.written}\` in the statement, expected \`${levelName(front)}\` as in the front matter; contradictory classifications are never published`, statement.position);
    }
  },
};
