// @ts-check
/**
 * One meeting's page. Receives `meeting` (MeetingView: title, group, groupName, groupSlug,
 * number, date, dateText, label, statement, intro, items[{number, title, owner, anchor,
 * heading, contentsTitle, content, notes}], next[{label, text}], closing, previous, following, path, draft) and the
 * context (`h`, `url`, `site`, `assets`; `site.pdfs` is true when `opsg build --pdf` puts
 * each published meeting's PDF beside its print page). Returns `{title, main}` for the layout.
 *
 * @param {import('../lib/view.js').MeetingView} meeting
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('../lib/templates.js').LayoutPage}
 */
export default function meetingPage(meeting, {h, url, site}) {
  const short = `${meeting.group} meeting ${meeting.number}, ${meeting.dateText}`;
  const main = [
    h('article.meeting', {'aria-labelledby': 'meeting-title'}, [
      h('header.meeting-header', [
        h('p.classification-label', [h('span.visually-hidden', 'Classification: '), meeting.label]),
        h('h1#meeting-title', meeting.title),
        h('dl.meeting-meta', [
          h('div', [h('dt', 'Group'), h('dd', [h('a', {href: url(meeting.groupSlug + '/')}, meeting.groupName), ` (${meeting.group})`])]),
          h('div', [h('dt', 'Meeting'), h('dd', String(meeting.number))]),
          h('div', [h('dt', 'Date'), h('dd', h('time', {dateTime: meeting.date}, meeting.dateText))]),
          h('div', [h('dt', 'Classification'), h('dd', meeting.label)]),
        ]),
        h('p.classification-statement', meeting.statement),
        h('p.print-link', [
          h('a', {href: url(meeting.path + 'print.html')}, 'Print version (A4)'),
          // `opsg build --pdf` prints each published meeting beside its print page; never a draft.
          site.pdfs && !meeting.draft
            ? [' · ', h('a', {href: url(`${meeting.path}${meeting.groupSlug}-${meeting.number}.pdf`), type: 'application/pdf'}, 'PDF (A4)')]
            : [],
        ]),
      ]),
      ...meeting.intro,
      meeting.items.length > 0
        ? h('nav.toc', {'aria-labelledby': 'toc-title'}, [
            h('h2#toc-title', 'Agenda items'),
            h('ul', meeting.items.map((item) => h('li', h('a', {href: '#' + item.anchor}, item.contentsTitle?.length ? [`${item.number}. `, ...item.contentsTitle] : `${item.number}. ${item.title}`)))),
          ])
        : null,
      ...meeting.items.map((item) =>
        h('section.agenda-item', {id: item.anchor, 'aria-labelledby': item.anchor + '-title'}, [
          h('h2.item-heading', {id: item.anchor + '-title'}, [
            h('span.item-number', `${item.number}.`),
            ' ',
            // `heading` keeps the title's formatting; it is empty when the title is plain text.
            h('span.item-title', item.heading?.length ? item.heading : item.title),
            item.owner ? [' ', h('span.item-owner', `(${item.owner})`)] : [],
          ]),
          ...item.content,
          item.threads?.length ? h('p.item-threads', ['Across meetings: ', ...item.threads.flatMap((thread, index) => [index > 0 ? ', ' : '', h('a', {href: url(thread.path)}, thread.name)])]) : null,
        ])),
      meeting.next.length > 0
        ? h('section.next-meetings', {'aria-labelledby': 'next-title'}, [
            h('h2#next-title', 'Next meetings'),
            h('dl', meeting.next.map((line) => h('div', [h('dt', line.label + ':'), h('dd', line.text)]))),
          ])
        : null,
      ...meeting.closing,
      h('nav.pager', {'aria-label': `${meeting.group} meetings`}, h('ul', [
        meeting.previous
          ? h('li.previous', h('a', {href: url(meeting.previous.path), rel: 'prev'}, [h('span.pager-label', 'Previous meeting'), ` ${meeting.group} ${meeting.previous.number}, ${meeting.previous.dateText}`]))
          : null,
        meeting.following
          ? h('li.following', h('a', {href: url(meeting.following.path), rel: 'next'}, [h('span.pager-label', 'Next meeting'), ` ${meeting.group} ${meeting.following.number}, ${meeting.following.dateText}`]))
          : null,
        h('li.all', h('a', {href: url(meeting.groupSlug + '/')}, `All ${meeting.group} meetings`)),
      ])),
    ]),
  ];
  return {
    // Browsers and search results cut titles beyond about 70 characters: keep the
    // author's title when it fits, else a short one (the heading keeps the full title).
    title: meeting.title.length <= 70 ? meeting.title : short,
    main,
    noindex: meeting.draft,
    draft: meeting.draft,
    description: `${meeting.groupName} meeting ${meeting.number} on ${meeting.dateText}: headlines`,
  };
}

