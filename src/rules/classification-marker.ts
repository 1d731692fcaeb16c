import {conflicts, shown} from '../gate/compare.js';
import {levelName} from '../classification.js';
import type {Rule} from './rule.js';

/** A Traffic Light Protocol marker (`TLP:AMBER`) anywhere in the document that is not the front matter's level. */
export const classificationMarker: Rule = {
  id: 'classification-marker',
  description: 'Every TLP marker, anywhere in the document, names the level of the front matter',
  severity: 'error',
  locked: true,
  check(file, report) {
    for (const {finding, place, expected} of conflicts(file, 'marker')) {
      const allowed = expected === 'white' ? '`TLP:CLEAR` or `TLP:WHITE`' : `\`TLP:${levelName(expected).toUpperCase()}\``;
      report(`Unexpected marker \`${shown(finding)}\`, expected none or ${allowed} as in the front matter; a document marked with another level anywhere is never published`, place);
    }
  },
};
