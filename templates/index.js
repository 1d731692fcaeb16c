// @ts-check

/**
 * The home page: each group's latest meetings, and links to its years' pages.
 * Receives `site` (SiteView: title, groups[{group, name, slug, years[{year, meetings}]}])
 * and the context. Returns `{title, main}` for the layout. A year's page is at
 * `<group slug>/years/<year>/`.
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
        ...ctx.partials.meetingList(latest(group, 5), 'h3', ctx),
        h('nav.year-links', {'aria-label': `${group.group} meetings by year`}, [
          h('p', `All ${group.group} meetings by year:`),
          h('ul', group.years.map(({year, meetings}) => h('li', h('a', {href: url(`${group.slug}/years/${year}/`)}, `${year} (${meetings.length})`)))),
        ]),
      ])),
    site.groups.length > 0 ? h('p', h('a', {href: url('topics/')}, 'Every reference and owner across meetings')) : null,
  ];
  return {title: site.title, main, noindex: site.drafts, draft: false};
}

/**
 * A group cut to its `count` newest meetings, in their years.
 *
 * @param {import('../lib/view.js').GroupView} group
 * @param {number} count
 * @returns {import('../lib/view.js').GroupView}
 */
function latest(group, count) {
  /** @type {import('../lib/view.js').GroupView['years']} */
  const years = [];
  let left = count;
  for (const {year, meetings} of group.years) {
    if (left <= 0) break;
    years.push({year, meetings: meetings.slice(0, left)});
    left -= meetings.length;
  }
  return {...group, years};
}
