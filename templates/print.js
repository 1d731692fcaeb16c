// @ts-check
/**
 * A print-ready document: one meeting (`<group>/<n>/print.html`) or several, each starting
 * on a new page (`print.html`). Receives `doc.title` (text), `doc.meetings` (MeetingView[]),
 * `doc.combined` (true for a document of several meetings), `doc.draft` (true when any of
 * them is a draft) and the context (`assets.print` is the print stylesheet, which puts the classification
 * label in the header and footer of every printed page, with “Page N of M”).
 * One meeting's document links back to its page (on screen only); with the config's
 * `brand.organisation`, each meeting names its publisher and date.
 * Needs no script to print: print.css prints external link targets after the link text,
 * keeps items whole where they fit and headings with what follows them. The page's
 * Content-Security-Policy allows the site's stylesheet and images only (no script, frame or form).
 *
 * A combined document is rendered a month of meetings at a time and streamed: put the
 * meetings, and nothing else, in the one `<main>`, and make nothing outside it depend on
 * which meetings are given (use `doc.combined` and `doc.draft`).
 *
 * @param {import('../lib/templates.js').PrintDocument} doc
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('hast').Root}
 */
export default function printDocument(doc, {h, url, site, assets}) {
  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: 'en-GB'}, [
        h('head', [
          h('meta', {charset: 'utf-8'}),
          // The site's own stylesheet and the content's images, as on screen pages; a print page runs no script.
          h('meta', {httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('title', shortTitle(doc)),
          doc.draft ? h('meta', {name: 'robots', content: 'noindex'}) : null,
          h('link', {rel: 'stylesheet', href: url(assets.print)}),
        ]),
        h('body.print', [
          h('nav.screen-only', {'aria-label': 'Site'}, h('p', [
            // One meeting's print page leads back to its page (a combined one has no single page).
            !doc.combined && doc.meetings.length === 1
              ? [h('a', {href: url(doc.meetings[0].path)}, `Back to ${doc.meetings[0].group} meeting ${doc.meetings[0].number}`), ' · ']
              : [],
            h('a', {href: url('')}, `${site.title}: all meetings`),
          ])),
          h('main', doc.meetings.map((meeting) =>
            h('article.print-meeting', {'aria-labelledby': `title-${meeting.groupSlug}-${meeting.number}`}, [
              h('header.print-header', [
                h('p.classification-label.screen-only', [h('span.visually-hidden', 'Classification: '), meeting.label]),
                meeting.draft ? h('p.draft-banner', 'DRAFT: not published') : null,
                h('h1', {id: `title-${meeting.groupSlug}-${meeting.number}`}, meeting.title),
                h('p.print-meta', `${meeting.groupName} (${meeting.group}) · Meeting ${meeting.number} · ${meeting.dateText}`),
                // With the config's `brand.organisation`: who publishes the headlines, and their date.
                site.brand?.organisation
                  ? h('p.print-publisher', [`Published by ${site.brand.organisation} · `, h('time', {dateTime: meeting.date}, meeting.dateText)])
                  : null,
                h('p.classification-statement', meeting.statement),
              ]),
              ...meeting.intro,
              ...meeting.items.map((item) =>
                h('section.agenda-item', {id: doc.combined ? `${meeting.groupSlug}-${meeting.number}-${item.anchor}` : item.anchor}, [
                  h('h2.item-heading', [
                    h('span.item-number', `${item.number}.`), ' ', h('span.item-title', item.heading?.length ? item.heading : item.title),
                    item.owner ? [' ', h('span.item-owner', `(${item.owner})`)] : [],
                  ]),
                  ...item.content,
                ])),
              meeting.next.length > 0
                ? h('section.next-meetings', [h('h2', 'Next meetings'), h('dl', meeting.next.map((line) => h('div', [h('dt', line.label + ':'), h('dd', line.text)])))])
                : null,
              ...meeting.closing,
            ]))),
        ]),
      ]),
    ],
  };
}

/**
 * A `<title>` of at most 70 characters (longer ones are cut off in tabs and search results);
 * `opsg pdf` still gives each PDF the meeting's full title, from its heading.
 *
 * @param {import('../lib/templates.js').PrintDocument} doc
 */
function shortTitle(doc) {
  const only = doc.combined ? undefined : doc.meetings[0];
  if (doc.title.length <= 70 || !only) return doc.title;
  return `${only.group} meeting ${only.number}, ${only.dateText}: print version`;
}
