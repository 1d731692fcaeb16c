/** Front matter as opsg's authoring commands write it. */
import {stringify} from 'yaml';

/** Fields in the order they are written; undefined fields are left out. */
export interface FrontMatterFields {
  /** Group code. */
  group: string;
  /** Meeting number, or a placeholder that check rejects. */
  meeting: number | string;
  /** `YYYY-MM-DD`, or a placeholder that check rejects. */
  date: string;
  /** Classification as written, or a placeholder that check rejects. */
  classification: string;
  /** `final` or `draft`. */
  status: 'final' | 'draft';
  /** Optional page title. */
  title?: string | undefined;
  /** Next regular meeting. */
  next_meeting?: string | undefined;
  /** Next reporting meeting. */
  next_reporting_meeting?: string | undefined;
}

/** The `---` block, YAML core schema (dates stay strings, as the parse stage reads them). */
export function frontMatterBlock(fields: FrontMatterFields): string {
  const values = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  // `yaml` quotes whatever would otherwise read as another type or break the mapping.
  return `---\n${stringify(values, {schema: 'core', lineWidth: 0})}---\n`;
}
