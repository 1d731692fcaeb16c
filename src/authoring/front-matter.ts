/** Front matter as opsg's authoring commands write it: the shape's fields, in the shape's order. */
import {stringify} from 'yaml';
import {frontMatterFields, type WrittenFrontMatter} from '../front-matter-shape.js';

/** The fields to write (front-matter-shape.ts); a required one may hold a placeholder that check rejects, an undefined one is left out. */
export type FrontMatterFields = WrittenFrontMatter;

/** The `---` block, YAML core schema (dates stay strings, as the parse stage reads them). */
export function frontMatterBlock(fields: FrontMatterFields): string {
  const given = fields as Readonly<Record<string, unknown>>;
  // The shape's order, whatever order the fields were filled in.
  const values = Object.fromEntries(frontMatterFields.filter((name) => given[name] !== undefined).map((name) => [name, given[name]]));
  // `yaml` quotes whatever would otherwise read as another type or break the mapping.
  return `---\n${stringify(values, {schema: 'core', lineWidth: 0})}---\n`;
}
