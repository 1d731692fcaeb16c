/**
 * Finding a Word file's parts the way Word does: the package relationships name the main
 * document, and the document's relationships name its numbering, styles, headers,
 * footers and notes (ECMA-376 part 2, 9.3). The usual file names are the fallback, as in
 * the converter, so both read the same parts.
 */
import path from 'node:path';
import {attribute, elements, child, parsePart} from './xml.js';

const relationshipBase = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** Where a document's parts are (paths inside the archive). */
export interface WordParts {
  /** The main document, such as `word/document.xml`. */
  document: string;
  /** `numbering.xml`, when there is one. */
  numbering: string | undefined;
  /** `styles.xml`, when there is one. */
  styles: string | undefined;
  /** Headers and footers. */
  headers: string[];
  /** Footnotes and endnotes. */
  notes: string[];
  /** Comments (never imported; counted for a message). */
  comments: string | undefined;
}

/** The parts of a Word file, or why it is not one. */
export function findParts(entries: Map<string, Buffer>): WordParts | {problem: string} {
  const packageRels = relationships(entries, '_rels/.rels', '');
  if ('problem' in packageRels) return packageRels;
  const document = existing(entries, packageRels.targets('officeDocument')) ?? 'word/document.xml';
  if (!entries.has(document)) return {problem: `it is a ZIP archive but not a Word document: it has no \`${document}\``};
  const dir = path.posix.dirname(document);
  const rels = relationships(entries, path.posix.join(dir, '_rels', path.posix.basename(document) + '.rels'), dir);
  if ('problem' in rels) return rels;
  const related = (type: string) => existing(entries, rels.targets(type)) ?? (entries.has(`word/${type}.xml`) ? `word/${type}.xml` : undefined);
  const all = (type: string) => rels.targets(type).filter((target) => entries.has(target));
  return {
    document,
    numbering: related('numbering'),
    styles: related('styles'),
    headers: [...all('header'), ...all('footer')],
    notes: [related('footnotes'), related('endnotes')].filter((part): part is string => part !== undefined),
    comments: related('comments'),
  };
}

/** A relationships part, read: the targets of one relationship type, as archive paths. */
function relationships(entries: Map<string, Buffer>, name: string, base: string): {targets: (type: string) => string[]} | {problem: string} {
  const bytes = entries.get(name);
  if (!bytes) return {targets: () => []};
  const read = parsePart(bytes, name);
  if ('problem' in read) return read;
  const list = elements(child(read.root, 'Relationships') ?? read.root, 'Relationship').filter((rel) => attribute(rel, 'TargetMode') !== 'External');
  return {
    targets: (type) => list
      .filter((rel) => attribute(rel, 'Type') === relationshipBase + type)
      .map((rel) => attribute(rel, 'Target') ?? '')
      .map((target) => (target.startsWith('/') ? target.slice(1) : path.posix.join(base, target))),
  };
}

function existing(entries: Map<string, Buffer>, targets: string[]): string | undefined {
  return targets.find((target) => entries.has(target));
}
