import {frontMatterFields, frontMatterShape} from '../front-matter-shape.js';
import {closest} from '../suggest.js';
import type {Rule} from './rule.js';

// Fields that decide whether, or as what, a meeting is published: a near miss of one of
// these must never be ignored with a warning while the meeting goes out. Last declared
// first: of two equally near fields the first listed wins, and `status` is the likeliest.
const stateFields = frontMatterFields.filter((name) => frontMatterShape[name].publishing).reverse();
// Words that ask for a meeting to be kept back: each means `status: draft` or a level.
const holdWords = /draft|publish|private|hidden|hide|public|visib|embargo|restrict|confiden|secret|tlp|classif|status|state|release|approv|sensitiv|marking/;

/** Why an unknown key is about publication state, with the field it should be; undefined when it is not. */
export function stateKeyHint(key: string): string | undefined {
  if ((frontMatterFields as readonly string[]).includes(key)) return undefined;
  const plain = key.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
  const known = frontMatterFields.find((field) => field.replace(/_/g, '') === plain);
  if (known) return `\`${known}\``;
  const near = closest(plain, stateFields);
  // Short words are near many others (`name`, `date`): a short key must also start alike.
  if (near && (plain.charAt(0) === near.charAt(0) || plain.length > 6)) return `\`${near}\``;
  if (/draft|hidden|hide|private|embargo|unpublish|notpublish|release|approv/.test(plain)) return '`status: draft`';
  if (/tlp|classif|restrict|confiden|secret|sensitiv|marking|public/.test(plain)) return '`classification`';
  if (holdWords.test(plain)) return '`status`';
  return undefined;
}

/** An unknown field that could change whether or how a meeting is published: an error, never a warning. */
export const frontMatterState: Rule = {
  id: 'front-matter-state',
  description: 'Front matter has no near miss of a field that decides publishing (`status`, `classification`, `date`, `meeting`, `group`, or words like `draft`, `private`, `hidden`)',
  severity: 'error',
  locked: true,
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (!frontMatter?.present) return;
    for (const key of Object.keys(frontMatter.values)) {
      const hint = stateKeyHint(key);
      if (hint === undefined) continue;
      report(`Unexpected front-matter field \`${key}\`, did you mean ${hint}? A field that could decide whether this meeting is published must be written exactly; it is not published until then`, frontMatter.keys[key]);
    }
  },
};
