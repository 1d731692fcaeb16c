/** opsg's version, from package.json (part of every cache key). */
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';

export const version: string = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;

/**
 * opsg's own folder (with a trailing separator), where package.json, templates/ and recipes/
 * are. Found from this module, which sits one level down both as src/version.ts and inside
 * the bundled CLI (lib/opsg*.js).
 */
export const packageRoot: string = fileURLToPath(new URL('../', import.meta.url));
