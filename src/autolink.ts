/**
 * Reference auto-links: configured patterns (`DP\d{3}` → a proposal page) turn matching
 * text into links, and fill in placeholder links (`[DP094 …](#)`) whose text matches.
 */
import {findAndReplace} from 'mdast-util-find-and-replace';
import {toString} from 'mdast-util-to-string';
import type {Nodes, Paragraph, Text} from 'mdast';
import type {Parent} from 'unist';
import type {AutoLink} from './config.js';
import type {Handlers} from './pipeline/walk.js';

/** The URL for the first reference in `text`, if a pattern matches. */
export function referenceUrl(text: string, autolinks: readonly AutoLink[]): string | undefined {
  for (const entry of autolinks) {
    const match = compiled(entry).exec(text);
    if (match) return entry.url.replaceAll('{match}', encodeURIComponent(match[0])).replaceAll('{lower}', encodeURIComponent(match[0].toLowerCase()));
  }
  return undefined;
}

const regexes = new WeakMap<AutoLink, RegExp>();

/** A pattern compiled once (it is matched on every placeholder and every text node). */
function compiled(entry: AutoLink): RegExp {
  let regex = regexes.get(entry);
  if (!regex) {
    regex = new RegExp(`\\b(?:${entry.pattern})\\b`, 'u');
    regexes.set(entry, regex);
  }
  return regex;
}

/** Whether a link is a placeholder (`#` or empty). */
export function isPlaceholder(url: string): boolean {
  return url.trim() === '' || url.trim() === '#';
}

/**
 * Handlers for the one walk of a meeting's tree that fill placeholders and link references,
 * and what to do after it. A placeholder with no matching reference becomes plain text (its
 * words then walked as text): a link to nowhere is worse than none. The walk only gathers
 * the text nodes a pattern matches; `end` then searches them all in one findAndReplace call,
 * each wrapped on its own, instead of findAndReplace walking the whole tree once per pattern.
 */
export function referenceLinks(autolinks: readonly AutoLink[]): {handlers: Handlers<Nodes>; end: () => void} {
  const found: Array<{node: Text; parent: Parent}> = [];
  const handlers: Handlers<Nodes> = {
    link(node, parent, index) {
      if (!isPlaceholder(node.url)) return undefined;
      const filled = referenceUrl(toString(node), autolinks);
      if (filled) {
        node.url = filled;
        return undefined;
      }
      if (!parent || index === undefined) return undefined;
      parent.children.splice(index, 1, ...node.children);
      return index;
    },
    text(node, parent, _index, ancestors) {
      if (!parent || !autolinks.some((entry) => compiled(entry).test(node.value))) return;
      // A link inside a link is invalid HTML.
      if (ancestors.some((ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference')) return;
      found.push({node, parent});
    },
  };
  const end = (): void => {
    if (found.length === 0) return;
    const holders: Paragraph[] = found.map(({node}) => ({type: 'paragraph', children: [node]}));
    findAndReplace({type: 'root', children: holders}, autolinks.map((entry) => [new RegExp(`\\b(?:${entry.pattern})\\b`, 'gu'), (value: string) => {
      const url = referenceUrl(value, autolinks);
      return url ? {type: 'link', url, title: null, children: [{type: 'text', value}]} : false;
    }]));
    // Each text is put back as what it became; found by identity, since other texts of the
    // same parent may have been replaced before it.
    found.forEach(({node, parent}, at) => {
      const index = parent.children.indexOf(node);
      if (index !== -1) parent.children.splice(index, 1, ...holders[at]!.children);
    });
  };
  return {handlers, end};
}
