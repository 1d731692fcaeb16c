// @ts-check

/**
 * The search page: the header's search box runs here (see search-client.js), with filters
 * for group, year and owner. Where search cannot run (no JavaScript, a page opened from
 * files, `opsg preview`, which builds no index) the page says so and offers the year pages. Receives `page` (SearchPage:
 * groups[{group, name, years[{year, path, count}]}]) and the context.
 *
 * @param {import('../lib/site/pages.js').SearchPage} page
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function searchPage(page, ctx) {
  const {h, url} = ctx;
  return {
    title: 'Search the meetings',
    main: [
      h('h1', 'Search the meetings'),
      h('noscript', h('p', 'Search needs JavaScript. The meetings are listed by year below.')),
      h('div#search-filters.search-filters', {hidden: true}),
      h('p#search-status', {role: 'status'}),
      h('ol#search-results.search-results'),
      h('section', {'aria-labelledby': 'by-year'}, [
        h('h2#by-year', 'Meetings by year'),
        ...page.groups.map((group) =>
          h('div', [
            h('h3', `${group.name} (${group.group})`),
            h('ul.year-links', group.years.map((link) => h('li', h('a', {href: url(link.path)}, `${link.year} (${link.count})`)))),
          ])),
      ]),
    ],
    noindex: true,
    draft: false,
  };
}
