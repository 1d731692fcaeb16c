/**
 * Classification levels. Only White (TLP:WHITE, TLP:CLEAR) is public; everything else,
 * including anything unrecognised, is treated as restricted: the gate fails closed.
 */
import type {ClassificationLevel} from './model.js';

const levels: Record<string, ClassificationLevel> = {
  white: 'white',
  'tlp:white': 'white',
  'tlp:clear': 'white',
  green: 'green',
  'tlp:green': 'green',
  amber: 'amber',
  'tlp:amber': 'amber',
  'amber+strict': 'amber',
  'tlp:amber+strict': 'amber',
  red: 'red',
  'tlp:red': 'red',
};

/** Every level as written, normalised (lower case, no white space): what `parseLevel` accepts. */
export const levelForms: readonly string[] = Object.keys(levels);

/** Normalise a written level; undefined when it is not a level. */
export function parseLevel(value: unknown): ClassificationLevel | undefined {
  if (typeof value !== 'string') return undefined;
  return levels[value.trim().toLowerCase().replace(/\s+/g, '')];
}

/** Whether a level may be published. */
export function isPublic(level: ClassificationLevel | undefined): level is 'white' {
  return level === 'white';
}

/** The level's name as people write it. */
export function levelName(level: ClassificationLevel): string {
  return level.charAt(0).toUpperCase() + level.slice(1);
}
