// @ts-check

/**
 * Every reference and owner, each linking to its thread. Receives `page` (TopicsPage:
 * references and owners, each {name, path, count}) and the context.
 *
 * @param {import('../lib/site/pages.js').TopicsPage} page
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function topicsPage(page, ctx) {
  const {h, url} = ctx;
  /** @param {import('../lib/site/pages.js').ThreadLink[]} list */
  const links = (list) => h('ul.topic-list', list.map((link) => h('li', [h('a', {href: url(link.path)}, link.name), ` (${link.count})`])));
  return {
    title: 'References and owners',
    main: [
      h('h1', 'References and owners'),
      h('p', 'Each page lists every published agenda item that mentions a reference, or that an owner holds, newest first.'),
      h('h2', 'References'),
      page.references.length > 0 ? links(page.references) : h('p', 'No references are mentioned yet.'),
      h('h2', 'Owners'),
      page.owners.length > 0 ? links(page.owners) : h('p', 'No item has an owner yet.'),
    ],
    noindex: ctx.site.drafts,
    draft: false,
  };
}
