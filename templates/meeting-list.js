// @ts-check
/**
 * The list of a group's meetings by year, shared by the home page and the group pages,
 * which call it as `ctx.partials.meetingList` (so a site's own copy is the one they get).
 * Receives `group` (GroupView), the heading level for years, and the context.
 *
 * @param {import('../lib/view.js').GroupView} group
 * @param {'h2' | 'h3'} yearHeading
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('hast').ElementContent[]}
 */
export default function meetingList(group, yearHeading, {h, url}) {
  return group.years.flatMap(({year, meetings}) => [
    h(yearHeading + '.year', year),
    h('ul.meeting-list', meetings.map((meeting) =>
      h('li.meeting-entry', [
        h('p.meeting-link', [
          h('a', {href: url(meeting.path)}, `${meeting.group} meeting ${meeting.number}`),
          ', ',
          h('time', {dateTime: meeting.date}, meeting.dateText),
          meeting.draft ? h('span.draft-tag', ' (draft)') : null,
        ]),
        meeting.items.length > 0
          ? h('ul.item-list', meeting.items.map((item) =>
              h('li', h('a', {href: url(meeting.path + '#' + item.anchor)}, `${item.number}. ${item.title}`))))
          : null,
      ]))),
  ]);
}
