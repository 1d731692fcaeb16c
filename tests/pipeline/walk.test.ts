import path from 'node:path';
import type {Root} from 'mdast';
import type {Node, Parent} from 'unist';
import {visit} from 'unist-util-visit';
import {VFile} from 'vfile';
import {afterEach, describe, expect, it, vi} from 'vitest';

// The real walker, wrapped to count its calls wherever the pipeline imports it; and the
// pipeline's own imports of unist-util-visit, counted, to show no stage walks on the side.
vi.mock('../../src/pipeline/walk.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/pipeline/walk.js')>();
  return {...actual, walk: vi.fn(actual.walk)};
});
vi.mock('unist-util-visit', async (importOriginal) => {
  const actual = await importOriginal<typeof import('unist-util-visit')>();
  return {...actual, visit: vi.fn(actual.visit)};
});

const {walk, skip} = await import('../../src/pipeline/walk.js');
const visitMock = vi.mocked((await import('unist-util-visit')).visit);
const {processFile} = await import('../../src/pipeline/process-file.js');
const {parse} = await import('../../src/pipeline/parse.js');
const {extract} = await import('../../src/pipeline/extract.js');
const {validate} = await import('../../src/pipeline/validate.js');
const {rules} = await import('../../src/rules/index.js');
const {loadSettings} = await import('../../src/index.js');
const {makeSite, meeting} = await import('../helpers.js');

const walkMock = vi.mocked(walk);
afterEach(() => {
  walkMock.mockClear();
  visitMock.mockClear();
});

// Every node type the walking rules and transforms act on: links (placeholder, plain,
// reference), images (small, and too large: left out), a definition, raw HTML inline and as a block, code,
// a post-meeting note, a table and a footnote.
const items = [
  '4. Major Incident (SECAS/DCC): See [DP094](#) and [the report](https://example.org/r) and MP123 <sup>2</sup>; DP101 <b>x</b> MP202.',
  '',
  `   ![chart](data:image/png;base64,AAAA) ![big](data:image/png;base64,${'A'.repeat(70_000)}) [ref][r] text[^1]`,
  '',
  '   <div>block</div>',
  '',
  '   *Post-meeting note: the DCC replied.*',
  '',
  '6. Alerts (DCC): Alert levels fell.',
  '',
  '   | a | b |',
  '   |:--|--:|',
  '   | 1 | 2 |',
  '',
  '   ```',
  '   7 Not an item (DCC): code',
  '   ```',
  '',
  '[r]: https://example.org/ref',
  '',
  '[^1]: A footnote.',
].join('\n');

function site() {
  const dir = makeSite({
    'content/m1.md': meeting({meeting: 1, date: '2019-01-01', items}),
    'opsg.config.json': JSON.stringify({title: 'Walks', url: 'https://example.org', autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://example.org/mods/{lower}/'}]}),
  });
  return {dir, settings: loadSettings({cwd: dir}).settings};
}

/** Every node below `tree` in document order, as unist-util-visit (the reference walker) sees it. */
function allNodes(tree: Node): Node[] {
  const nodes: Node[] = [];
  visit(tree, (node) => {
    nodes.push(node);
  });
  return nodes;
}

describe('one walk per tree', () => {
  it('walks a published file three times, once per tree: the parsed Markdown, the meeting’s pieces, the sanitised HTML', () => {
    const {dir, settings} = site();
    const result = processFile(settings, path.join(dir, 'content/m1.md'));
    expect(result.view, JSON.stringify(result.messages)).toBeDefined();
    expect(visitMock).not.toHaveBeenCalled();
    expect(walkMock).toHaveBeenCalledTimes(3);
    const [parsed, pieces, html] = walkMock.mock.calls.map((call) => call[0] as Parent);
    // The parsed tree, with every rule that reads nodes on the one walk.
    expect(parsed!.position?.start.line).toBe(1);
    expect(walkMock.mock.calls[0]!.length - 1).toBe(rules.filter((rule) => rule.walk).length);
    expect(pieces!.children.map((child) => child.type)).toEqual(expect.arrayContaining(['opsgPart']));
    expect(html!.children.every((child) => child.type === 'root')).toBe(true);
    // What the one walks did is on the page: the placeholder and the bare reference linked,
    // the refused image left out with its words kept, the note marked, the table aligned.
    const page = JSON.stringify(result.view);
    expect(page).toContain('https://example.org/mods/dp094/');
    expect(page).toContain('https://example.org/mods/mp123/');
    // Two references in one paragraph, split by raw HTML shown as text.
    expect(page).toContain('https://example.org/mods/dp101/');
    expect(page).toContain('https://example.org/mods/mp202/');
    expect(page).not.toContain('AAAAAAAA');
    expect(page).toContain('big');
    expect(page).toContain('post-meeting-note');
    expect(page).toContain('align-right');
    expect(page).toContain('&#x3C;div>block&#x3C;/div>');
  });

  it('walks a file with errors once: its checks run, its transforms do not', () => {
    const {dir, settings} = site();
    const bad = makeSite({'content/m2.md': meeting({meeting: 2, date: '2019-01-02', items: '4. Item (DCC): [x](javascript:alert(1))'})}, dir);
    const result = processFile(settings, path.join(bad, 'content/m2.md'));
    expect(result.messages.map((message) => message.ruleId)).toContain('link-unsafe');
    expect(walkMock).toHaveBeenCalledTimes(1);
    expect(visitMock).not.toHaveBeenCalled();
  });

  it('reports what the walking rules find in the rules’ order, each rule’s findings in document order', () => {
    const {settings} = site();
    const text = meeting({meeting: 3, date: '2019-01-03', items: '4. Item (DCC): [a](javascript:a) [b](#) <span>x</span> [c](javascript:c) [d]()'});
    const file = new VFile({path: 'm3.md', value: text});
    parse(file);
    extract(file, settings);
    validate(file, settings);
    const line = text.split('\n').find((candidate) => candidate.startsWith('4.'))!;
    const at = (written: string) => line.indexOf(written) + 1;
    const found = file.messages.filter((message) => ['link-placeholder', 'html-raw', 'link-unsafe'].includes(message.ruleId ?? ''));
    // As when each rule walked on its own: link-placeholder's, then html-raw's, then link-unsafe's.
    expect(found.map((message) => `${message.ruleId} ${message.column}`)).toEqual([
      `link-placeholder ${at('[b]')}`, `link-placeholder ${at('[d]')}`,
      `html-raw ${at('<span>')}`,
      `link-unsafe ${at('[a]')}`, `link-unsafe ${at('[c]')}`,
    ]);
  });
});

describe('the walker', () => {
  function tree(): Root {
    const file = new VFile({path: 'm.md', value: meeting({meeting: 1, date: '2019-01-01', items})});
    parse(file);
    return file.data.tree!;
  }

  it('gives a handler every node of its types, in document order, each once', () => {
    const root = tree();
    const seen: Node[] = [];
    const any: Node[] = [];
    walk(root, {link: (node) => void seen.push(node), image: (node) => void seen.push(node), html: (node) => void seen.push(node), '*': (node) => void any.push(node)});
    const expected = allNodes(root);
    expect(seen).toEqual(expected.filter((node) => ['link', 'image', 'html'].includes(node.type)));
    expect(seen.length).toBeGreaterThanOrEqual(6);
    // Identity, not only equality: the very nodes, in the very order.
    expect(any.length).toBe(expected.length);
    expect(any.every((node, index) => node === expected[index])).toBe(true);
  });

  it('goes on from the index a handler returns, walks what replaced a node, and hides the replaced node from later handlers', () => {
    const root = tree();
    const links = allNodes(root).filter((node) => node.type === 'link').length;
    const texts = allNodes(root).filter((node) => node.type === 'text').length;
    const later: string[] = [];
    let seenTexts = 0;
    walk(root, {
      link(node, parent, index) {
        parent!.children.splice(index!, 1, ...node.children);
        return index;
      },
      text: () => void seenTexts++,
    }, {link: () => void later.push('link'), emphasis: () => skip});
    expect(links).toBeGreaterThan(0);
    expect(later).toEqual([]);
    expect(allNodes(root).some((node) => node.type === 'link')).toBe(false);
    // Every text once, the unwrapped links' words included, but those under an emphasis (skipped).
    const underEmphasis = allNodes(root).filter((node) => node.type === 'emphasis').flatMap((node) => allNodes(node).filter((child) => child.type === 'text')).length;
    expect(underEmphasis).toBeGreaterThan(0);
    expect(seenTexts).toBe(texts - underEmphasis);
  });
});
