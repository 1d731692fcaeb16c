// @ts-check

/**
 * A group's meetings of one year, with their items (`/<group>/years/<year>/`). Receives
 * `page` (YearPage: group with this year only, year, years[{year, path, count}]) and the context.
 *
 * @param {import('../lib/site/pages.js').YearPage} page
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function yearPage({group, year, years}, ctx) {
  const {h, url} = ctx;
  return {
    title: `${group.group} meetings in ${year}`,
    main: [
      h('h1', `${group.name} (${group.group}) meetings in ${year}`),
      h('p', h('a', {href: url(group.slug + '/')}, `All ${group.group} meetings`)),
      ...ctx.partials.meetingList(group, 'h2', ctx),
      h('nav.year-links', {'aria-label': `${group.group} meetings by year`}, h('ul', years.map((link) =>
        h('li', link.year === year ? h('a', {href: url(link.path), 'aria-current': 'page'}, link.year) : h('a', {href: url(link.path)}, link.year))))),
    ],
    noindex: ctx.site.drafts,
    draft: false,
  };
}
