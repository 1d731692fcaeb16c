// @ts-check
/**
 * The 404 page. Static hosts serve it at any missing path, so its links are absolute
 * (`ctx.url` gives base-absolute paths here).
 *
 * @param {import('../lib/view.js').SiteView} site
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function notFoundPage(site, {h, url}) {
  return {
    title: `Page not found: ${site.title}`,
    main: [h('h1', 'Page not found'), h('p', ['There is no page at this address. ', h('a', {href: url('')}, 'See all meetings'), '.'])],
    noindex: true,
    draft: false,
  };
}
