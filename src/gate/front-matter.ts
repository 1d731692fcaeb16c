/**
 * Where a file's front matter is, found one way for every stage: the block between an
 * opening `---` line and the first line that is `---` alone. What is between them is what
 * the YAML reader reads, all of it: a line such as `---x` or `...` inside the block would
 * make a YAML reader stop early and hide the lines after it, so it is a problem, not an end.
 */

/** The front-matter block of a text, by offsets. */
export interface FrontMatterSplit {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset where the YAML text starts (after the opening line). */
  yamlStart: number;
  /** The YAML text, without the delimiter lines. */
  yaml: string;
  /** Offset of the closing line, or -1 when the block is never closed. */
  closing: number;
  /** Offset where the body starts (after the closing line). */
  bodyStart: number;
  /** Lines inside the block that look like an end or a new document (`---x`, `...`), by offset. */
  markers: Array<{offset: number; text: string}>;
}

/** Split off the front matter; undefined when the text does not open with `---`. */
export function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  const opening = /^ ?---[ \t]*\r?\n/.exec(text);
  if (!opening) return undefined;
  const start = text.indexOf('---');
  const yamlStart = opening[0].length;
  const markers: FrontMatterSplit['markers'] = [];
  let closing = -1;
  let bodyStart = text.length;
  let lineStart = yamlStart;
  let lastDots = -1;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (/^---[ \t]*$/.test(line)) {
      closing = lineStart;
      bodyStart = Math.min(text.length, lineEnd + 1);
      break;
    }
    if (/^(?:---|\.\.\.)/.test(line)) {
      markers.push({offset: lineStart, text: line});
      if (/^\.\.\.[ \t]*$/.test(line)) lastDots = lineStart;
    }
    lineStart = lineEnd + 1;
  }
  // A block ended by YAML's own end marker `...` and never by `---` is still closed there,
  // as long as nothing but that marker stands in the way.
  if (closing === -1 && lastDots !== -1 && markers.length === 1) {
    closing = lastDots;
    const end = text.indexOf('\n', lastDots);
    bodyStart = end === -1 ? text.length : end + 1;
    markers.length = 0;
  }
  return {start, yamlStart, yaml: text.slice(yamlStart, closing === -1 ? text.length : closing), closing, bodyStart, markers};
}

/** A YAML reader's error, said in words a secretary can act on. */
export function plainYamlError(code: string, libraryMessage: string, line: string): string {
  const key = /^\s*([^:\s][^:]*?)\s*:/.exec(line)?.[1];
  const shownLine = '`' + line.trim().slice(0, 60) + '`';
  switch (code) {
    case 'MULTILINE_IMPLICIT_KEY':
    case 'MISSING_CHAR':
      if (/quote/i.test(libraryMessage)) {
        const quote = libraryMessage.includes("'") ? "'" : '"';
        return `Missing closing quote \`${quote}\` in ${shownLine}: a value that starts with a quote must end with one on the same line`;
      }
      if (/^\s*-/.test(line)) return `Unexpected list item ${shownLine}: expected a field such as \`group: OPSG\`; put a list in its field, indented, or write \`name: [a, b]\``;
      if (/^[^:\s]+:\S/.test(line.trim())) return `Missing space after the colon in ${shownLine}: expected \`${line.trim().replace(':', ': ')}\``;
      if (!line.includes(':')) return `Missing colon in ${shownLine}: each front-matter line is \`name: value\`, such as \`group: OPSG\``;
      return `Unexpected line ${shownLine}: expected \`name: value\` on one line, such as \`group: OPSG\``;
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/:\s.*:(\s|$)/.test(line)) return `Unexpected second colon in the value of \`${key ?? 'this field'}\`: put the value in quotes, such as \`${key ?? 'title'}: "${line.slice(line.indexOf(':') + 1).trim()}"\``;
      return `Unexpected indented line after ${shownLine}: write each field on a single line of its own, starting at the beginning of the line`;
    case 'TAB_AS_INDENT':
      return 'Unexpected tab at the start of the line: start each field at the beginning of its line (tabs are not allowed for indentation)';
    case 'BAD_INDENT':
      if (/\[/.test(line)) return `Missing closing \`]\` in ${shownLine}: a list written as \`[a, b]\` must end on the same line`;
      if (/\{/.test(line)) return `Missing closing \`}\` in ${shownLine}: a group written as \`{a: 1}\` must end on the same line`;
      return `Unexpected indentation in ${shownLine}: each field starts at the beginning of its line`;
    case 'DUPLICATE_KEY':
      return `Unexpected duplicate \`${key ?? 'field'}\` field: each field may be given once`;
    case 'BAD_SCALAR_START': {
      const char = /reserved character (\S)/.exec(libraryMessage)?.[1] ?? line.slice(line.indexOf(':') + 1).trim().charAt(0);
      return `Unexpected \`${char}\` at the start of the value of \`${key ?? 'this field'}\`: put the value in quotes, such as \`${key ?? 'title'}: "${line.slice(line.indexOf(':') + 1).trim()}"\``;
    }
    case 'UNEXPECTED_TOKEN':
      return `Unexpected text in ${shownLine}: expected \`name: value\`, such as \`group: OPSG\``;
    default:
      return `Cannot read front matter: ${libraryMessage}`;
  }
}
