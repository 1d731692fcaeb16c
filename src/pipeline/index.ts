/**
 * The pipeline, written once: load → parse → extract → validate → transform → render →
 * write. Per-file stages skip a file that already failed; the site is rendered and
 * written only when no file has an error, so a failed build writes nothing.
 */
import {VFile} from 'vfile';
import type {Settings} from '../config.js';
import {isPublic} from '../classification.js';
import {fatal, hasError} from '../messages.js';
import {loadTemplates} from '../templates.js';
import {discover, load} from './load.js';
import {parse} from './parse.js';
import {extract} from './extract.js';
import {validate, validateAll} from './validate.js';
import {transform} from './transform.js';
import {render} from './render.js';
import {writeSite, checkOutput} from './write.js';
import type {MeetingView} from '../view.js';

/** What a run produced. */
export interface RunResult {
  /** Every file with its messages: content files, and the config or site file with site-wide notes. */
  files: VFile[];
  /** Site paths written (empty for `check` or a failed build). */
  written: string[];
  /** Site paths whose bytes changed. */
  changed: string[];
  /** The meetings published, as `GROUP number`. */
  published: string[];
}

/** Check the content and, when `write` is set and nothing failed, build the site. */
export async function run(settings: Settings, options: {write: boolean; configFile: VFile | undefined}): Promise<RunResult> {
  const site = options.configFile ?? new VFile({path: 'opsg.config.json', cwd: settings.cwd});
  if (options.write) checkOutput(settings);
  const {paths, problems} = discover(settings);
  const files = paths.map((path) => load(settings, path));
  for (const file of files) step(file, 'parse', () => parse(file));
  // Extract and validate run on files with front-matter errors too, so that one run
  // reports every problem in every file.
  for (const file of files) step(file, 'extract', () => extract(file, settings), false);
  for (const file of files) step(file, 'validate', () => validate(file, settings), false);
  validateAll(files, settings);
  for (const file of files) {
    if (!hasError(file) && file.data.meeting?.status === 'draft' && !settings.drafts) {
      file.data.excluded = 'draft';
      file.info('Left out: `status: draft` (use --drafts to include drafts)', {place: file.data.frontMatter?.valuePositions.status, ruleId: 'draft', source: 'opsg'});
    }
  }
  const all = [...problems, ...files, site];
  const result: RunResult = {files: all, written: [], changed: [], published: []};
  if (all.some(hasError)) return result;
  // The gate, once more, at the last point before rendering: whatever the rules said,
  // only a White document reaches a page.
  const publishable = files.filter((file) => file.data.meeting && file.data.excluded === undefined && isPublic(file.data.meeting.classification));
  result.published = publishable.map((file) => `${file.data.meeting!.group} ${file.data.meeting!.number}`);
  if (!options.write) return result;

  const views: MeetingView[] = [];
  for (const file of publishable) {
    const view = step(file, 'transform', () => transform(file.data.meeting!, settings));
    if (view) views.push(view);
  }
  if (all.some(hasError)) return result;
  let templates;
  try {
    templates = await loadTemplates(settings);
  } catch (error) {
    fatal(site, `Cannot load templates: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
    return result;
  }
  const rendered = step(site, 'render', () => render(views, settings, templates));
  if (!rendered) return result;
  for (const note of rendered.notes) site.info(note, {ruleId: 'site', source: 'opsg'});
  const written = writeSite(settings, rendered.files);
  result.written = written.written;
  result.changed = written.changed;
  return result;
}

/** Run one stage on one file; an exception becomes a fatal message naming the stage. */
function step<T>(file: VFile, stage: string, work: () => T, skipFailed = true): T | undefined {
  if (skipFailed && hasError(file)) return undefined;
  try {
    return work();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fatal(file, `Internal error in the ${stage} stage: ${reason.split('\n')[0]} (rerun with --debug for the stack)`, undefined, 'internal', error);
    return undefined;
  }
}
