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

/** Whether a file has an error. */
export function hasError(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}
