// @ts-check

/**
 * One page of a thread: every published agenda item that mentions a reference (`DP094`) or
 * that an owner (`DCC`) holds, newest first, with the sentence that mentions it. Receives
 * `page` (ThreadPage: kind, name, total, entries[{path, anchor, item, title, sentence, group,
 * number, date, dateText}], page, start, pages, feed, external) and the context.
 *
 * @param {import('../lib/site/pages.js').ThreadPage} page
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function threadPage(page, ctx) {
  const {h, url} = ctx;
  const what = page.kind === 'reference' ? page.name : `Items owned by ${page.name}`;
  const suffix = page.pages.length > 1 ? ` (page ${page.page} of ${page.pages.length})` : '';
  return {
    title: `${what}${suffix}`,
    main: [
      h('h1', `${what}${suffix}`),
      h('p', [
        `${page.total} ${page.total === 1 ? 'agenda item' : 'agenda items'}, newest first. `,
        page.external ? [h('a', {href: page.external}, `${page.name} elsewhere`), ' · '] : [],
        h('a', {href: url(page.feed)}, 'Atom feed'),
        ' · ',
        h('a', {href: url('topics/')}, 'All references and owners'),
      ]),
      h('ol.thread', {start: page.start}, page.entries.map((entry) =>
        h('li.thread-entry', [
          h('p.thread-link', [
            h('a', {href: url(entry.path + '#' + entry.anchor)}, `${entry.group} meeting ${entry.number}, item ${entry.item}: ${entry.title}`),
            ', ',
            h('time', {dateTime: entry.date}, entry.dateText),
          ]),
          h('p.thread-sentence', entry.sentence),
        ]))),
      pager(page, ctx),
    ],
    noindex: ctx.site.drafts,
    draft: false,
  };
}

/**
 * Links to the thread's other pages.
 *
 * @param {import('../lib/site/pages.js').ThreadPage} page
 * @param {import('../lib/templates.js').TemplateContext} ctx
 */
function pager(page, {h, url}) {
  if (page.pages.length < 2) return null;
  const previous = page.pages[page.page - 2];
  const next = page.pages[page.page];
  return h('nav.pager', {'aria-label': `Pages of ${page.name}`}, h('ul', [
    previous ? h('li.previous', h('a', {href: url(previous), rel: 'prev'}, 'Newer items')) : null,
    ...page.pages.map((path, index) => h('li', index + 1 === page.page ? h('a', {href: url(path), 'aria-current': 'page'}, String(index + 1)) : h('a', {href: url(path)}, String(index + 1)))),
    next ? h('li.following', h('a', {href: url(next), rel: 'next'}, 'Older items')) : null,
  ]));
}
