import {conflicts, shown} from '../gate/compare.js';
import {levelName} from '../classification.js';
import type {Rule} from './rule.js';

/**
 * A statement anywhere in the document (any block, any front-matter field) that names
 * another level than the front matter: a contradiction fails closed.
 */
export const classificationStatementMismatch: Rule = {
  id: 'classification-statement-mismatch',
  description: 'Every classification statement, anywhere in the document, names the level of the front matter',
  severity: 'error',
  locked: true,
  check(file, report) {
    const first = file.data.body?.statement;
    if (first && first.level === undefined && first.written) {
      report(`Unexpected classification \`${first.written}\` in the statement, expected \`White\`, \`Green\`, \`Amber\` or \`Red\``, first.position);
    }
    for (const {finding, place, expected} of conflicts(file, 'statement')) {
      if (first && first.level === undefined && first.position?.start.line === place.line) continue;
      report(`Unexpected classification \`${shown(finding)}\` in a statement, expected \`${levelName(expected)}\` as in the front matter; a document that names another level anywhere is never published`, place);
    }
  },
};
