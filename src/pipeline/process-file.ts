/**
 * The per-file stages, load → parse → extract → validate → transform, as one function
 * whose result is plain data: it crosses worker threads and is what the build cache keeps.
 * Everything that needs more than one file (cross-file rules, rendering) happens after.
 */
import {VFile} from 'vfile';
import type {Settings} from '../config.js';
import type {Meeting, RawFrontMatter} from '../model.js';
import {addMessages, fatal, hasError, messageData, type MessageData} from '../messages.js';
import type {MeetingView} from '../view.js';
import {load, type ContentRead} from './load.js';
import {parse} from './parse.js';
import {extract} from './extract.js';
import {validate} from './validate.js';
import {transform} from './transform.js';

/** One file's result. */
export interface FileResult {
  /** Path relative to the working folder. */
  path: string;
  /** Every message. */
  messages: MessageData[];
  /** Front matter (for the cross-file rules' positions). */
  frontMatter: RawFrontMatter | undefined;
  /** The meeting, when the front matter gives one. */
  meeting: Meeting | undefined;
  /** The view model, when the file passed its checks. */
  view: MeetingView | undefined;
  /** Why the file is left out, if it is. */
  excluded: 'restricted' | undefined;
}

/** Run the per-file stages; `read` is what reading the file gave, when the caller read it already. */
export function processFile(settings: Settings, full: string, read?: ContentRead): FileResult {
  const file = load(settings, full, read);
  step(file, 'parse', () => parse(file));
  // Extract and validate run on files with front-matter errors too, so that one run
  // reports every problem in every file.
  step(file, 'extract', () => extract(file, settings), false);
  step(file, 'validate', () => validate(file, settings), false);
  const {meeting, body} = file.data;
  if (meeting && body && file.data.excluded === undefined) {
    const view = step(file, 'transform', () => transform(meeting, body, settings));
    if (view) file.data.view = view;
  }
  return toResult(file);
}

/** A vfile's outcome as plain data. */
export function toResult(file: VFile): FileResult {
  return {
    path: file.path,
    messages: messageData(file.messages),
    frontMatter: file.data.frontMatter,
    meeting: hasError(file) ? undefined : file.data.meeting,
    view: hasError(file) ? undefined : file.data.view,
    excluded: file.data.excluded === 'restricted' ? 'restricted' : undefined,
  };
}

/** A result back as a vfile carrying its messages and data. */
export function toFile(result: FileResult, cwd: string): VFile {
  const file = new VFile({path: result.path, cwd});
  addMessages(file, result.messages);
  if (result.frontMatter) file.data.frontMatter = result.frontMatter;
  if (result.meeting) file.data.meeting = result.meeting;
  if (result.view) file.data.view = result.view;
  if (result.excluded) file.data.excluded = result.excluded;
  return file;
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
