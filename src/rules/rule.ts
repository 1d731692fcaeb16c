/**
 * What a rule is: a stable id, a default severity, and a check that reports through
 * vfile messages (the remark-lint pattern). Rules never throw and never stop the run.
 */
import type {VFile} from 'vfile';
import type {Settings} from '../config.js';
import type {Place} from '../messages.js';

/** Report one problem at a place; the severity is the configured one. */
export type Reporter = (reason: string, place: Place) => void;

/** One validation rule. */
export interface Rule {
  /** Stable id, also the file name. */
  id: string;
  /** What the rule checks, one line. */
  description: string;
  /** Severity when the config says nothing. */
  severity: 'warn' | 'error';
  /** A rule that guards publishing: it can be configured, but never below `error`. */
  locked?: boolean;
  /** Check one file. */
  check?: (file: VFile, report: Reporter, settings: Settings) => void;
  /** Check all files together (runs after every file's own checks). */
  checkAll?: (files: VFile[], report: (file: VFile) => Reporter, settings: Settings) => void;
}
