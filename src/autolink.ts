/**
 * Reference auto-links: configured patterns (`DP\d{3}` → a proposal page) turn matching
 * text into links, and fill in placeholder links (`[DP094 …](#)`) whose text matches.
 */
import {findAndReplace} from 'mdast-util-find-and-replace';
import {toString} from 'mdast-util-to-string';
import type {Nodes, PhrasingContent, Root} from 'mdast';
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
 * Handlers for the one walk of a meeting's tree that fill placeholders and link references.
 * A placeholder with no matching reference becomes plain text (its words then walked as
 * text): a link to nowhere is worse than none. A text node is searched only when a pattern
 * matches it, and on its own, so the search costs no second walk of the tree.
 */
export function referenceHandlers(autolinks: readonly AutoLink[]): Handlers<Nodes> {
  const list = autolinks.map((entry): [RegExp, (value: string) => PhrasingContent | false] => [new RegExp(`\\b(?:${entry.pattern})\\b`, 'gu'), (value) => {
    const url = referenceUrl(value, autolinks);
    return url ? {type: 'link', url, title: null, children: [{type: 'text', value}]} : false;
  }]);
  return {
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
    text(node, parent, index, ancestors) {
      if (!parent || index === undefined || !autolinks.some((entry) => compiled(entry).test(node.value))) return undefined;
      // A link inside a link is invalid HTML.
      if (ancestors.some((ancestor) => ancestor.type === 'link' || ancestor.type === 'linkReference')) return undefined;
      const holder: Root = {type: 'root', children: [node]};
      findAndReplace(holder, list);
      parent.children.splice(index, 1, ...holder.children);
      // The new links are done: go on after them.
      return index + holder.children.length;
    },
  };
}
