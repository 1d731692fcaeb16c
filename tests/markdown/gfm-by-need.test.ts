/**
 * A body is parsed with the GFM extensions only where a GFM construct could start
 * (parse.ts, `markdownFor`). That is safe only if every text it parses without them gives
 * the very tree GFM would: checked here on generated text that mixes GFM's constructs
 * with the CommonMark ones around them.
 */
import {describe, expect, it} from 'vitest';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import {markdownFor} from '../../src/pipeline/parse.js';

const gfm = unified().use(remarkParse).use(remarkGfm).freeze();

// CommonMark's constructs, and near misses of GFM's that start none.
const near = [
  'a', 'Alerts', ' ', ' ', '  ', '\t', '\n', '\n', '\n\n', '\n    ', '1. ', '4) ', '- ', '* ', '+ ', '> ', '# ', '---', '===', '```', ':-', '-:', ':-:',
  '[', ']', '^', '[]', '[ x]', 'ww.', 'w', 'www', 'http', 'h', 'tp', 'ftp://x.y', 'mailto', 'xmpp', '(', ')', '<', '>', '<ftp://example.org>',
  '*', '_', '`', '!', '&amp;', '.', ',', ':', '-', '/', '\\', '[DP635](#)', '**MP275**', '*[Post Meeting Note: x]*',
];
// GFM's constructs and the characters they start at.
const starts = [
  '|', '| a | b |', '|-|-|', 'a|b', '\\|', '~', '~~', '~~gone~~', '~one~', '[^1]', '[^1]: note', '[^', '[ ]', '[x]', '[X]', '[\t]',
  'www.', 'www.example.org', 'WWW.EXAMPLE.ORG', 'http:', 'https://example.org/a?b#c', 'HTTP://X.Y', '<https://example.org>', '@', 'a@b.co', 'mailto:a@b.co', 'xmpp:a@b.co/c',
];

/** A small deterministic generator, so that a failure can be run again. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

function texts(count: number): string[] {
  const next = generator(27);
  const piece = () => (next(8) === 0 ? starts[next(starts.length)] : near[next(near.length)]);
  return Array.from({length: count}, () => Array.from({length: 1 + next(16)}, piece).join(''));
}

describe('GFM only where a GFM construct could start', () => {
  const all = texts(8000);

  it('parses every text without a GFM start to the tree GFM gives', () => {
    const plain = all.filter((text) => markdownFor(text) === markdownFor('plain words'));
    // Enough of them that a start left out of the list would be met.
    expect(plain.length).toBeGreaterThan(1000);
    for (const text of plain) expect(markdownFor(text).parse(text), JSON.stringify(text)).toEqual(gfm.parse(text));
  });

  it('takes the GFM parser for each construct, and the texts made give GFM trees of their own', () => {
    for (const text of ['| a |\n| - |', '~~a~~', 'a[^1]\n\n[^1]: b', '- [ ] a', '- [x] a', 'www.example.org', 'https://example.org', 'HTTP://EXAMPLE.ORG', 'a@b.co']) {
      expect(markdownFor(text), text).not.toBe(markdownFor('plain words'));
      expect(markdownFor(text).parse(text), text).toEqual(gfm.parse(text));
      expect(unified().use(remarkParse).parse(text), text).not.toEqual(gfm.parse(text));
    }
    // The generated texts do make GFM constructs: otherwise the first test would prove nothing.
    const differing = all.filter((text) => JSON.stringify(unified().use(remarkParse).parse(text)) !== JSON.stringify(gfm.parse(text)));
    expect(differing.length).toBeGreaterThan(500);
  });
});
