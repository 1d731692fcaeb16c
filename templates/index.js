// @ts-check

/**
 * The home page: every published meeting, by group and year, newest first.
 * Receives `site` (SiteView: title, groups[{group, name, slug, years[{year, meetings}]}])
 * and the context. Returns `{title, main}` for the layout.
 *
 * @param {import('../lib/view.js').SiteView} site
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function indexPage(site, ctx) {
  const {h, url} = ctx;
  const main = [
    h('h1', site.title),
    site.groups.length === 0 ? h('p', 'No meetings are published yet.') : null,
    ...site.groups.map((group) =>
      h('section.group', {'aria-labelledby': 'group-' + group.slug}, [
        h('h2', {id: 'group-' + group.slug}, h('a', {href: url(group.slug + '/')}, `${group.name} (${group.group})`)),
        ...ctx.partials.meetingList(group, 'h3', ctx),
      ])),
  ];
  return {title: site.title, main, noindex: site.drafts, draft: false};
}
