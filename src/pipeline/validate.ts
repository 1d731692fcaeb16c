/**
 * Stage 4, validate: every rule over every file, then the rules that look across files.
 * Each problem is one message at its own place; nothing stops at the first. The rules that
 * read the tree's nodes share one walk of it (see walk.ts).
 */
import type {Nodes} from 'mdast';
import type {VFile} from 'vfile';
import type {Settings, Severity} from '../config.js';
import {fatal, hasError, report, type Place} from '../messages.js';
import {rules, type Reporter, type Rule} from '../rules/index.js';
import type {RuleWalk} from '../rules/rule.js';
import {walk} from './walk.js';

/** The severity a rule runs at: configured, default, and never below error when locked. */
export function severityOf(rule: Rule, settings: Settings): Severity {
  const configured = settings.rules[rule.id] ?? rule.severity;
  return rule.locked ? 'error' : configured;
}

function reporter(file: VFile, rule: Rule, settings: Settings): Reporter {
  const severity = severityOf(rule, settings);
  return (reason, place) => report(file, severity, reason, place, rule.id);
}

/** Run every single-file rule on a file. */
export function validate(file: VFile, settings: Settings): void {
  const walked = walkRules(file, settings);
  for (const rule of rules) {
    if (severityOf(rule, settings) === 'off') continue;
    if (rule.check) rule.check(file, reporter(file, rule, settings), settings);
    const done = walked.get(rule);
    if (done) {
      done.walk.end?.();
      const report = reporter(file, rule, settings);
      for (const [reason, place] of done.found) report(reason, place);
    }
  }
  // A file that passes every enabled rule but still has no meeting (a rule was turned off)
  // must not vanish silently from the site.
  if (file.data.tree && !file.data.meeting && !hasError(file) && file.data.excluded === undefined) {
    fatal(file, 'Cannot publish this file: its front matter does not give a group, meeting number, date and known classification', file.data.frontMatter?.position?.start ?? {line: 1, column: 1}, 'front-matter-type');
  }
}

/**
 * Walk the file's tree once for every enabled rule that reads nodes. What they find is kept
 * and reported in the rules' order, as when each rule walked the tree on its own, so the
 * messages come out in the same order.
 */
function walkRules(file: VFile, settings: Settings): Map<Rule, {walk: RuleWalk; found: Array<[string, Place]>}> {
  const walked = new Map<Rule, {walk: RuleWalk; found: Array<[string, Place]>}>();
  const tree = file.data.tree;
  if (!tree) return walked;
  for (const rule of rules) {
    if (!rule.walk || severityOf(rule, settings) === 'off') continue;
    const found: Array<[string, Place]> = [];
    const given = rule.walk(file, (reason, place) => found.push([reason, place]), settings);
    if (given) walked.set(rule, {walk: given, found});
  }
  if (walked.size > 0) walk<Nodes>(tree, ...[...walked.values()].map((entry) => entry.walk.handlers));
  return walked;
}

/** Run the rules that look across files. */
export function validateAll(files: VFile[], settings: Settings): void {
  for (const rule of rules) {
    if (rule.checkAll && severityOf(rule, settings) !== 'off') rule.checkAll(files, (file) => reporter(file, rule, settings), settings);
  }
}
