/**
 * Raw HTML in Markdown is shown, never run. A few harmless inline tags (`<sup>`, `<sub>`,
 * `<br>`), written bare, become their elements; anything else is shown as the text its
 * author typed, so asides such as `<EOM>` or `<lots of people talking over each other>`
 * keep their words. The sanitiser still checks everything that comes out.
 */
import type {Parent, PhrasingContent, Root, RootContent} from 'mdast';

/** Inline tags that pass through, written without attributes. */
export const allowedTags: readonly string[] = ['sup', 'sub', 'br'];

const openTag = /^<([a-z]+)\s*\/?>$/i;
const closeTag = /^<\/([a-z]+)\s*>$/i;

/** Whether an `html` node's value is an allowed tag (opening, closing or `<br/>`). */
export function isAllowedTag(value: string): boolean {
  const match = openTag.exec(value.trim()) ?? closeTag.exec(value.trim());
  return match !== null && allowedTags.includes(match[1]!.toLowerCase());
}

/** Parents whose `html` children are blocks (an HTML block), not inline tags. */
export const blockParents: readonly string[] = ['root', 'blockquote', 'listItem', 'footnoteDefinition', 'opsgPart'];

/** Whether an `html` node is a bare line break (`<br>`, `<br/>`), which a block may also be. */
export function isBreak(value: string): boolean {
  return openTag.exec(value.trim())?.[1]?.toLowerCase() === 'br';
}

/**
 * Replace the `html` children of one parent: allowed tags as elements, the rest as text.
 * Only the children: the walk that calls this for every parent reaches the rest.
 */
export function showRawHtml(parent: Root | Parent): void {
  const children = parent.children as RootContent[];
  if (!children.some((child) => child.type === 'html')) return;
  const inline = !blockParents.includes(parent.type);
  // A `<br>` between blocks separates nothing: it goes; any other HTML block is shown as text.
  parent.children = inline ? pairTags(children as PhrasingContent[]) : children.flatMap((child): RootContent[] => child.type !== 'html' ? [child]
    : isBreak(child.value) ? []
    : [{type: 'paragraph', children: [{type: 'text', value: child.value}], ...(child.position ? {position: child.position} : {})}]);
}

/** Inline nodes with `<sup>…</sup>` pairs made elements and every other tag made text. */
function pairTags(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  // Tags with no closing tag left: not looked for again, so many lone `<sup>` cost one scan.
  const unclosed = new Set<string>();
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.type !== 'html') {
      out.push(node);
      continue;
    }
    const value = node.value.trim();
    const open = openTag.exec(value);
    const name = open?.[1]?.toLowerCase();
    if (name === 'br') {
      out.push({type: 'break'});
      continue;
    }
    if (name && allowedTags.includes(name) && !value.endsWith('/>') && !unclosed.has(name)) {
      const close = nodes.findIndex((other, at) => at > index && other.type === 'html' && closeTag.exec(other.value.trim())?.[1]?.toLowerCase() === name);
      if (close !== -1) {
        // `emphasis` is only the carrier: `hName` makes it the allowed element.
        out.push({type: 'emphasis', children: pairTags(nodes.slice(index + 1, close)), data: {hName: name}});
        index = close;
        continue;
      }
      unclosed.add(name);
    }
    out.push({type: 'text', value: node.value});
  }
  return out;
}
