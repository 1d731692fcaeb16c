import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {unified} from 'unified';
import rehypeStringify from 'rehype-stringify';
import {loadSettings} from '../../src/index.js';
import {loadTemplates, h} from '../../src/templates.js';
import {plan} from '../../src/pipeline/render.js';
import {processFile} from '../../src/pipeline/process-file.js';
import {relativeUrl} from '../../src/site/urls.js';
import type {MeetingView} from '../../src/view.js';
import {makeSite, meeting} from '../helpers.js';

const dates = ['2019-11-05', '2019-12-03', '2019-12-17', '2020-01-07', '2020-01-21', '2020-01-28', '2020-03-03'];

describe('the combined print page', () => {
  it('rendered a month at a time is byte for byte the page rendered whole', async () => {
    const files: Record<string, string> = {};
    dates.forEach((date, index) => (files[`content/m${index}.md`] = meeting({meeting: index + 1, date, status: index === 2 ? 'draft' : undefined})));
    const dir = makeSite(files);
    const {settings} = loadSettings({cwd: dir, drafts: true});
    const templates = await loadTemplates(settings);
    const views = Object.keys(files).map((name) => processFile(settings, path.join(dir, name)).view!);
    const site = plan(views, settings, templates);
    const newest = [...site.meetings].sort((a: MeetingView, b: MeetingView) => (a.date === b.date ? (a.path < b.path ? -1 : 1) : a.date < b.date ? 1 : -1));
    const print = site.paths.find((at) => at.startsWith('assets/print.'))!;
    const style = site.paths.find((at) => at.startsWith('assets/style.'))!;
    const whole = unified().use(rehypeStringify, {allowDangerousHtml: true, upperDoctype: true}).stringify(
      templates.print({title: `${settings.title}: all meetings`, meetings: newest, combined: true, draft: true}, {h, url: (target) => relativeUrl('print.html', target), site: site.site, assets: {style, print}}),
    ) + '\n';
    const parts = [...site.parts('print.html')!];
    expect(parts.length).toBe(2 + 4); // head, four months, tail
    expect(site.file('print.html')).toBe(whole);
    expect(whole.match(/<article/g)).toHaveLength(7);
  });
});
