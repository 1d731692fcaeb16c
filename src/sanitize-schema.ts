/**
 * What user content may contain once it is HTML: GitHub's schema (rehype-sanitize's
 * default: no script, no style, no event handlers, http(s)/mailto links only) plus the
 * one element opsg itself adds to content, the post-meeting note
 * (`<div class="post-meeting-note" role="note">`).
 *
 * GitHub's schema already allows what GitHub-flavoured Markdown makes (tables, `del`,
 * task-list checkboxes, footnotes) and the inline tags raw HTML may use (`sup`, `sub`,
 * `br`). Images may also be `data:` URLs: the transform stage keeps only raster ones of a
 * bounded size (`link-unsafe`), and `data:` is never allowed in links.
 *
 * Raw HTML never gets this far (the transform stage turns it into text or one of the
 * allowed elements); this is the second wall.
 */
import {defaultSchema} from 'rehype-sanitize';
import type {Options as Schema} from 'rehype-sanitize';

/** The sanitiser schema applied to every piece of user content. */
export const schema: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'post-meeting-note'], ['role', 'note']],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto', 'tel'],
    src: ['http', 'https', 'data'],
  },
};
