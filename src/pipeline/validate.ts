/**
 * Stage 4, validate: every rule over every file, then the rules that look across files.
 * Each problem is one message at its own place; nothing stops at the first.
 */
import type {VFile} from 'vfile';
import type {Settings, Severity} from '../config.js';
import {fatal, hasError, report} from '../messages.js';
import {rules, type Reporter, type Rule} from '../rules/index.js';

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
  for (const rule of rules) {
    if (rule.check && severityOf(rule, settings) !== 'off') rule.check(file, reporter(file, rule, settings), settings);
  }
  // A file that passes every enabled rule but still has no meeting (a rule was turned off)
  // must not vanish silently from the site.
  if (file.data.tree && !file.data.meeting && !hasError(file) && file.data.excluded === undefined) {
    fatal(file, 'Cannot publish this file: its front matter does not give a group, meeting number, date and known classification', file.data.frontMatter?.position?.start ?? {line: 1, column: 1}, 'front-matter-type');
  }
}

/** Run the rules that look across files. */
export function validateAll(files: VFile[], settings: Settings): void {
  for (const rule of rules) {
    if (rule.checkAll && severityOf(rule, settings) !== 'off') rule.checkAll(files, (file) => reporter(file, rule, settings), settings);
  }
}
