/**
 * Which findings of the whole-document reading stop a document: any level other than the
 * one its front matter declares, and any level other than White when it declares none.
 */
import type {VFile} from 'vfile';
import type {Point} from 'unist';
import {location} from 'vfile-location';
import {levelName, parseLevel} from '../classification.js';
import type {ClassificationLevel} from '../model.js';
import type {Finding} from './find.js';
import {documentFindings} from './read.js';

/** A finding that contradicts the document's declared level, with its place. */
export interface Conflict {
  /** What was found. */
  finding: Finding;
  /** Where, in the original file. */
  place: Point;
  /** The level the document may name (its front matter's, or White). */
  expected: ClassificationLevel;
}

/** Whether a finding contradicts a declared level (undefined: nothing or an unknown one declared). */
export function contradicts(finding: Finding, declared: ClassificationLevel | undefined): boolean {
  return finding.level === undefined || finding.level !== (declared ?? 'white');
}

/** The findings of one kind that contradict the file's declared level. */
export function conflicts(file: VFile, kind: Finding['kind']): Conflict[] {
  const declared = parseLevel(file.data.frontMatter?.values.classification);
  const place = location(file);
  return documentFindings(file)
    .filter((finding) => finding.kind === kind && contradicts(finding, declared))
    .map((finding) => ({finding, place: place.toPoint(finding.offset) ?? {line: 1, column: 1}, expected: declared ?? 'white'}));
}

/** How a finding is written in a message: `Amber`, `TLP:RED`, `Confidential`. */
export function shown(finding: Finding): string {
  if (finding.kind === 'marker' || finding.written.startsWith('tlp')) return finding.written.toUpperCase();
  return finding.level ? levelName(finding.level) : finding.written.charAt(0).toUpperCase() + finding.written.slice(1);
}
