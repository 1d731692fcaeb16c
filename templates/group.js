// @ts-check

/**
 * One group's page (`/<group>/`): its latest meetings and links to its years' pages
 * (`<group slug>/years/<year>/`). Receives `group` (GroupView) and the context.
 *
 * @param {import('../lib/view.js').GroupView} group
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function groupPage(group, ctx) {
  const {h, url} = ctx;
  const full = `${group.name} (${group.group}) meetings`;
  return {
    // Titles beyond about 70 characters are cut in tabs and search results.
    title: full.length <= 70 ? full : `${group.group} meetings`,
    main: [
      h('h1', `${group.name} (${group.group})`),
      h('p.calendar-link', h('a', {href: ctx.url('calendar.ics'), type: 'text/calendar'}, 'Next meetings as a calendar (iCalendar)')),
      h('p', [h('a', {href: url(group.slug + '/feed.xml')}, `Atom feed of ${group.group} meetings`)]),
      h('h2', 'Latest meetings'),
      ...ctx.partials.meetingList(latest(group, 10), 'h3', ctx),
      h('nav.year-links', {'aria-labelledby': 'years-title'}, [
        h('h2#years-title', 'Meetings by year'),
        h('ul', group.years.map(({year, meetings}) => h('li', h('a', {href: url(`${group.slug}/years/${year}/`)}, `${year} (${meetings.length} ${meetings.length === 1 ? 'meeting' : 'meetings'})`)))),
      ]),
    ],
    noindex: ctx.site.drafts,
    draft: false,
  };
}

/**
 * A group cut to its `count` newest meetings, in their years (kept here, not imported, so
 * that a site may copy this template alone).
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
