/**
 * opsg's library API. The CLI is a thin layer over these functions; each resolves to a
 * result carrying every message as vfile messages, and never exits the process.
 */
export {build, check, type CheckOptions} from './build.js';
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
