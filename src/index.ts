/**
 * opsg's library API. The CLI is a thin layer over these functions; each resolves to a
 * result carrying every message as vfile messages, and never exits the process.
 */
import {loadSettings, type BuildOptions} from './config.js';
import {run, type RunResult} from './pipeline/index.js';
import {buildWithPdfs, type SitePdfOptions} from './build-pdf.js';

export type {BuildOptions, ConfigFile, Settings, Severity, AutoLink} from './config.js';
export {UsageError, defaultGroups, defaultStatement, loadSettings, type LoadedSettings} from './config.js';
export type {Meeting, AgendaItem, MeetingBody, ClassificationLevel, Status} from './model.js';
export {frontMatterShape, frontMatterFields, frontMatterJsonSchema, checkFrontMatter, type FrontMatter, type FieldName} from './front-matter-shape.js';
export type {MeetingView, MeetingPage, MeetingSummary, MeetingContent, ItemView, ItemSummary, GroupView, SiteView} from './view.js';
export type {RunResult} from './pipeline/index.js';
export {formatReport, exitCode, toJson, type Format, type JsonMessage} from './report.js';
export {rules} from './rules/index.js';
export {pdf, type PdfOptions, type PdfResult} from './pdf.js';
export {meetingPdfPath, type SitePdfOptions} from './build-pdf.js';
export {initSite, exampleMeetingPath, type InitOptions, type InitResult} from './authoring/init.js';
export {newMeeting, today, type NewMeetingOptions, type NewMeetingResult} from './authoring/new-meeting.js';
export {importDocuments, importHeadlines, reviewPlaceholder, type ImportInput, type ImportOptions, type ImportResult} from './authoring/import.js';
export {preview, type Preview, type PreviewOptions, type PreviewEvents, type ReloadEvent, type ErrorEvent} from './preview/index.js';

/**
 * Check the content and write the site; nothing is written when any file has an error.
 * With `pdf`, each published meeting is also printed to PDF beside its print page.
 */
export async function build(options: BuildOptions & SitePdfOptions = {}): Promise<RunResult> {
  const {chromium, browser, ...rest} = options;
  const {settings, configFile} = loadSettings(rest);
  const progress = options.onProgress ? {onProgress: options.onProgress} : {};
  if (settings.pdf) return buildWithPdfs(settings, configFile, {...(chromium === undefined ? {} : {chromium}), ...(browser === undefined ? {} : {browser}), ...progress});
  return run(settings, {write: true, configFile, ...progress});
}

/** Check the content without writing anything. */
export async function check(options: BuildOptions = {}): Promise<RunResult> {
  const {settings, configFile} = loadSettings(options);
  return run(settings, {write: false, configFile, ...(options.onProgress ? {onProgress: options.onProgress} : {})});
}
