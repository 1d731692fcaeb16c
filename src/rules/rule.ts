/**
 * What a rule is: a stable id, a default severity, and a check that reports through
 * vfile messages (the remark-lint pattern). Rules never throw and never stop the run.
 * A rule that reads the tree's nodes gives handlers by node type (the ESLint visitor
 * pattern) instead of walking it: validate walks each file's tree once for all of them.
 */
import type {Nodes} from 'mdast';
import type {VFile} from 'vfile';
import type {Settings} from '../config.js';
import type {Place} from '../messages.js';
import type {Handlers} from '../pipeline/walk.js';

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
  /**
   * Check one file's tree through the one walk: the handlers for the node types it reads, or
   * `undefined` when this file needs none; `end` runs after the walk.
   */
  walk?: (file: VFile, report: Reporter, settings: Settings) => RuleWalk | undefined;
  /** Check one file. */
  check?: (file: VFile, report: Reporter, settings: Settings) => void;
  /** Check all files together (runs after every file's own checks). */
  checkAll?: (files: VFile[], report: (file: VFile) => Reporter, settings: Settings) => void;
}

/** What a rule gives the one walk of a file's tree. */
export interface RuleWalk {
  /** Called for the nodes of their types, in document order. */
  handlers: Handlers<Nodes>;
  /** Called once the whole tree has been walked. */
  end?: () => void;
}
