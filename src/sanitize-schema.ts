/**
 * What user content may contain once it is HTML: GitHub's schema (rehype-sanitize's
 * default: no script, no style, no event handlers, http(s)/mailto links only) plus the
 * one element opsg itself adds to content, the post-meeting note
 * (`<div class="post-meeting-note" role="note">`).
 *
 * Raw HTML never gets this far (remark-rehype drops it); this is the second wall.
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
    src: ['http', 'https'],
  },
};
