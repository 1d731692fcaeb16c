/**
 * The parts of a Word file are XML: they are read with a real XML parser (xast), never
 * with patterns over their text, so markup, entities and CDATA mean what they mean.
 */
import {fromXml} from 'xast-util-from-xml';
import {toXml} from 'xast-util-to-xml';
import {visit} from 'unist-util-visit';
import type {Element, Root} from 'xast';

/** WordprocessingML's main namespace (transitional and strict). */
const mainNamespaces = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);

/** A parsed part, or why it could not be read. */
export type XmlRead = {root: Root} | {problem: string};

/**
 * Parse one part. Element names are matched by their `w:` prefix below, so a part that
 * binds WordprocessingML to another prefix is refused rather than half read.
 */
export function parsePart(bytes: Uint8Array, name: string): XmlRead {
  let root: Root;
  try {
    root = fromXml(bytes);
  } catch (error) {
    return {problem: `its part \`${name}\` is not well-formed XML (${(error as Error).message.split('\n')[0]})`};
  }
  const top = root.children.find((node): node is Element => node.type === 'element');
  if (!top) return {problem: `its part \`${name}\` is empty`};
  const bound = top.attributes['xmlns:w'] ?? undefined;
  const other = Object.entries(top.attributes).find(([key, value]) => key.startsWith('xmlns') && key !== 'xmlns:w' && typeof value === 'string' && mainNamespaces.has(value));
  if ((bound !== undefined && !mainNamespaces.has(bound)) || other) return {problem: `its part \`${name}\` binds WordprocessingML to an unusual prefix, which opsg does not read`};
  return {root};
}

/** Serialize a part back to XML. */
export function serializePart(root: Root): string {
  return toXml(root);
}

/** The element children of a node, optionally only those named `name`. */
export function elements(node: Element | Root, name?: string): Element[] {
  const children: Array<Element | Root['children'][number]> = node.children;
  return children.filter((item): item is Element => item.type === 'element' && (name === undefined || item.name === name));
}

/** The first element child named `name`. */
export function child(node: Element | Root | undefined, name: string): Element | undefined {
  return node ? elements(node, name)[0] : undefined;
}

/** An attribute's value (`w:val` by default). */
export function attribute(node: Element | undefined, name = 'w:val'): string | undefined {
  return node?.attributes[name] ?? undefined;
}

/** Every element named `name` below a node, in document order. */
export function descendants(node: Element | Root, name: string): Element[] {
  const found: Element[] = [];
  visit(node, 'element', (element: Element) => {
    if (element.name === name) found.push(element);
  });
  return found;
}

/** The text a paragraph (or any element) shows: its `w:t` runs, tabs and breaks as spaces. */
export function textOf(node: Element): string {
  let text = '';
  visit(node, 'element', (element: Element) => {
    if (element.name === 'w:t') {
      for (const part of element.children) if (part.type === 'text') text += part.value;
    } else if (element.name === 'w:tab' || element.name === 'w:br' || element.name === 'w:cr') {
      text += ' ';
    }
  });
  return text.replace(/\s+/g, ' ').trim();
}

/** A paragraph's text shortened for a message. */
export function quote(text: string): string {
  const short = text.length > 60 ? text.slice(0, 59).trimEnd() + '…' : text;
  return `“${short}”`;
}
