/**
 * Calendar dates as `YYYY-MM-DD` strings. No `Date` object ever holds a meeting date in
 * local time, so neither `TZ` nor the locale can shift or reword one.
 */
import type {IsoDate} from './model.js';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Whether `year-month-day` is a real calendar date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

/** Read an ISO calendar date (`2019-12-03`); undefined when it is not one. */
export function parseIsoDate(value: unknown): IsoDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  return isRealDate(Number(match[1]), Number(match[2]), Number(match[3])) ? match[0] : undefined;
}

/** Read a written date (`3 December 2019`, `3rd December 2019`, `Monday 16 December 2019`, `2019-12-03`). */
export function parseWrittenDate(text: string): IsoDate | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return parseIsoDate(iso[0]);
  const match = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)\s*,?\s+(\d{4})\b/.exec(text);
  if (!match) return undefined;
  const month = monthNumber(match[2]!);
  if (month === undefined) return undefined;
  const [year, day] = [Number(match[3]), Number(match[1])];
  return isRealDate(year, month, day) ? `${match[3]}-${pad(month)}-${pad(day)}` : undefined;
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = months.findIndex((month) => month.toLowerCase().startsWith(lower) && (lower.length >= 3));
  return index === -1 ? undefined : index + 1;
}

/** `2019-12-03` → `3 December 2019`. */
export function formatDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${months[month - 1]} ${year}`;
}

/** The year of a date. */
export function yearOf(date: IsoDate): string {
  return date.slice(0, 4);
}

/** `YYYY-MM-DD` of a `Date` in UTC (for `SOURCE_DATE_EPOCH` and “today”). */
export function isoFromDate(date: Date): IsoDate {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
