// @ts-check
/**
 * The 404 page. Static hosts serve it at any missing path, so its links are absolute
 * (`ctx.url` gives base-absolute paths here). Receives `site` (SiteView) and the context.
 *
 * @param {import('../lib/view.js').SiteView} site
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function notFoundPage(site, {h, url}) {
  return {
    title: 'Page not found',
    main: [
      h('h1', 'Page not found'),
      h('p', 'There is no page at this address. If you typed it, check it; if you followed a link, the page may have moved.'),
      h('p', [h('a', {href: url('')}, 'See all meetings'), '.']),
      site.groups.length > 0
        ? h('ul.group-links', site.groups.map((group) => h('li', h('a', {href: url(group.slug + '/')}, `${group.name} (${group.group})`))))
        : null,
    ],
    noindex: true,
    draft: false,
  };
}
