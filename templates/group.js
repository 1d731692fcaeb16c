// @ts-check

/**
 * One group's page (`/<group>/`). Receives `group` (GroupView) and the context.
 *
 * @param {import('../lib/view.js').GroupView} group
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function groupPage(group, ctx) {
  const {h} = ctx;
  const full = `${group.name} (${group.group}) meetings`;
  return {
    // Titles beyond about 70 characters are cut in tabs and search results.
    title: full.length <= 70 ? full : `${group.group} meetings`,
    main: [
      h('h1', `${group.name} (${group.group})`),
      h('p.calendar-link', h('a', {href: ctx.url('calendar.ics'), type: 'text/calendar'}, 'Next meetings as a calendar (iCalendar)')),
      ...ctx.partials.meetingList(group, 'h2', ctx),
    ],
    noindex: ctx.site.drafts,
    draft: false,
  };
}
