/** Making and counting vfile messages: the one way opsg reports a problem. */
import type {VFile} from 'vfile';
import type {Point, Position} from 'unist';
import type {Severity} from './config.js';

/** A place in a file: a point, a position, or nothing (the whole file). */
export type Place = Point | Position | undefined;

/** Add an error that no configuration can turn off. */
export function fatal(file: VFile, reason: string, place: Place, ruleId: string, cause?: unknown): void {
  const message = file.message(reason, cause === undefined ? {place, ruleId, source: 'opsg'} : {place, ruleId, source: 'opsg', cause: cause instanceof Error ? cause : new Error(String(cause))});
  message.fatal = true;
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
