/**
 * Reading a Word file's ZIP container within fixed bounds.
 *
 * A .docx is a ZIP archive, and a ZIP archive can claim anything: a few kilobytes that
 * inflate to gigabytes, or millions of entries. The usual readers inflate whatever an
 * entry holds, so the bounds are kept here, before any converter sees the bytes: the
 * central directory is read first (entry count and declared sizes checked), and each
 * entry is then inflated with a hard output limit, so a size that lies stops the read
 * instead of filling memory.
 */
import zlib from 'node:zlib';

/** How much a Word file may hold. */
export interface ZipLimits {
  /** Most entries in the archive. */
  entries: number;
  /** Most bytes all entries may declare, uncompressed, together. */
  total: number;
}

/** The bounds for Word files: generous for headlines, far below what would strain memory. */
export const wordLimits: ZipLimits = {entries: 1000, total: 64 * 1024 * 1024};

/** An archive's entries by name, or why it cannot be read. */
export type ZipRead = {entries: Map<string, Buffer>} | {problem: string};

const endSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

/** Whether the bytes begin like a ZIP archive (`PK\3\4`, or `PK\5\6` for an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Read every entry of a ZIP archive, refusing one beyond `limits`. */
export function readZip(bytes: Buffer, limits: ZipLimits = wordLimits): ZipRead {
  const end = findEnd(bytes);
  if (end === -1) return {problem: 'it is not a ZIP archive (no end of central directory)'};
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  // 0xFFFF and 0xFFFFFFFF mean ZIP64, which no Word file of headlines needs.
  if (count === 0xffff || offset === 0xffffffff || size === 0xffffffff) return {problem: 'it is a ZIP64 archive, far larger than Word headlines'};
  if (count > limits.entries) return {problem: `it has ${count} entries, expected at most ${limits.entries}`};
  if (offset + size > end) return {problem: 'its central directory lies outside the file (damaged or not a ZIP archive)'};
  const entries = new Map<string, Buffer>();
  let total = 0;
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== centralSignature) return {problem: 'its central directory is damaged'};
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    total += declared;
    if (total > limits.total) return {problem: `its entries declare more than ${limits.total / 1048576} MB uncompressed, expected at most that (a ZIP bomb?)`};
    if ((flags & 1) !== 0) return {problem: `its entry \`${name}\` is encrypted`};
    if (name.endsWith('/')) continue;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== localSignature) return {problem: `its entry \`${name}\` is damaged`};
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) return {problem: `its entry \`${name}\` runs past the end of the file`};
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) {
      if (compressed !== declared) return {problem: `its entry \`${name}\` declares ${declared} bytes but holds ${compressed}`};
      entries.set(name, Buffer.from(data));
      continue;
    }
    if (method !== 8) return {problem: `its entry \`${name}\` uses compression method ${method}, expected deflate`};
    try {
      // The declared size is the most this entry may give: a lie stops here.
      const inflated = zlib.inflateRawSync(data, {maxOutputLength: Math.max(declared, 1)});
      if (inflated.length !== declared) return {problem: `its entry \`${name}\` inflates to ${inflated.length} bytes, not the ${declared} it declares`};
      entries.set(name, inflated);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {problem: code === 'ERR_BUFFER_TOO_LARGE' ? `its entry \`${name}\` inflates to more than the ${declared} bytes it declares (a ZIP bomb?)` : `its entry \`${name}\` cannot be inflated (${code ?? 'damaged'})`};
    }
  }
  return {entries};
}

/** Offset of the end-of-central-directory record, searching back over a comment of up to 64 KB. */
function findEnd(bytes: Buffer): number {
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (bytes.readUInt32LE(at) === endSignature) return at;
  }
  return -1;
}
