/** Making and counting vfile messages: the one way opsg reports a problem. */
import type {VFile} from 'vfile';
import type {VFileMessage} from 'vfile-message';
import type {Point, Position} from 'unist';
import type {Severity} from './config.js';

/** A place in a file: a point, a position, or nothing (the whole file). */
export type Place = Point | Position | undefined;

// The error behind an internal failure is kept beside its message, not as the message's
// `cause`: vfile-reporter prints a cause's whole stack, and users see one line unless
// they ask for `--debug`.
const causes = new WeakMap<VFileMessage, Error>();

/** Add an error that no configuration can turn off; `cause` is kept for `causeOf` (`--debug`). */
export function fatal(file: VFile, reason: string, place: Place, ruleId: string, cause?: unknown): void {
  const message = file.message(reason, {place, ruleId, source: 'opsg'});
  message.fatal = true;
  if (cause !== undefined) causes.set(message, cause instanceof Error ? cause : new Error(String(cause)));
}

/** Keep the exception behind a message (one rebuilt from a worker or the cache) for `--debug`. */
export function setCause(message: VFileMessage, cause: Error): void {
  causes.set(message, cause);
}

/** The exception behind a message made by `fatal`, for printing its stack with `--debug`. */
export function causeOf(message: VFileMessage): Error | undefined {
  return causes.get(message) ?? (message.cause instanceof Error ? message.cause : undefined);
}

/** Add a message at a configured severity (`off` adds nothing). */
export function report(file: VFile, severity: Severity, reason: string, place: Place, ruleId: string): void {
  if (severity === 'off') return;
  const message = file.message(reason, {place, ruleId, source: 'opsg'});
  message.fatal = severity === 'error';
}

/** A vfile message as plain data: what crosses worker threads and is kept in the cache. */
export interface MessageData {
  /** What was found and what was expected. */
  reason: string;
  /** Where, if anywhere. */
  place: Position | {line: number; column: number} | undefined;
  /** Rule id. */
  ruleId: string | undefined;
  /** `true` error, `false` warning, `undefined` information. */
  fatal: boolean | undefined;
  /** The stack of an internal error, for --debug. */
  stack: string | undefined;
}

/** Messages as plain data. */
export function messageData(messages: VFileMessage[]): MessageData[] {
  return messages.map((message) => ({
    reason: message.reason,
    place: message.place ?? undefined,
    ruleId: message.ruleId ?? undefined,
    fatal: message.fatal ?? undefined,
    stack: causeOf(message)?.stack,
  }));
}

/** Add messages kept as plain data to a file, as they were made. */
export function addMessages(file: VFile, data: MessageData[]): void {
  for (const item of data) {
    const message = file.message(item.reason, {place: item.place, ruleId: item.ruleId, source: 'opsg'});
    message.fatal = item.fatal;
    // Kept beside the message, not on it: the reporter would print a cause's whole stack.
    if (item.stack !== undefined) setCause(message, Object.assign(new Error(item.reason), {stack: item.stack}));
  }
}

/** Add the notes a build gives about the whole site (such as a missing sitemap) to the site file. */
export function addSiteNotes(file: VFile, notes: string[]): void {
  for (const note of notes) file.info(note, {ruleId: 'site', source: 'opsg'});
}

/** Whether a file has an error. */
export function hasError(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}
