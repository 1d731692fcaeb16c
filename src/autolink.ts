/**
 * Reference auto-links: configured patterns (`DP\d{3}` → a proposal page) turn matching
 * text into links, and fill in placeholder links (`[DP094 …](#)`) whose text matches.
 */
import {findAndReplace} from 'mdast-util-find-and-replace';
import {toString} from 'mdast-util-to-string';
import {visit, SKIP} from 'unist-util-visit';
import type {Link, PhrasingContent, Root} from 'mdast';
import type {AutoLink} from './config.js';

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
 * Fill placeholders and link references in a tree. A placeholder with no matching
 * reference becomes plain text: a link to nowhere is worse than none.
 */
export function linkReferences(root: Root, autolinks: readonly AutoLink[]): void {
  visit(root, 'link', (node: Link, index, parent) => {
    if (!isPlaceholder(node.url)) return;
    const filled = referenceUrl(toString(node), autolinks);
    if (filled) {
      node.url = filled;
      return SKIP;
    }
    if (parent && index !== undefined) {
      parent.children.splice(index, 1, ...(node.children as PhrasingContent[]));
      return index;
    }
    return undefined;
  });
  if (autolinks.length === 0) return;
  findAndReplace(root, autolinks.map((entry) => [new RegExp(`\\b(?:${entry.pattern})\\b`, 'gu'), (value: string) => {
    const url = referenceUrl(value, autolinks);
    return url ? {type: 'link', url, title: null, children: [{type: 'text', value}]} : false;
  }]), {ignore: ['link', 'linkReference']}); // a link inside a link is invalid HTML
}
