/**
 * Text as a reader sees it, with where each character came from.
 *
 * Two strings that render the same must read the same to the gate: case, Unicode
 * compatibility forms (full-width letters, ligatures), accents, look-alike letters from
 * other scripts, soft hyphens, zero-width characters, non-breaking spaces and line breaks
 * all fold away. Every character of the folded text keeps the source offset it came from,
 * so a finding is reported at its own line and column.
 */

/** Folded text and, for each of its characters, an offset in the original file. */
export interface Run {
  /** The folded text: lower case, one space between words. */
  text: string;
  /** Source offset of each character of `text`. */
  offsets: number[];
}

/** Characters that render as nothing: soft hyphen, zero-width and joiner characters, BOM, bidi controls. */
const invisible = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u;

// Letters of other scripts that look like Latin ones: a word spelled with them reads the
// same on a page, so it must read the same here.
const lookAlikes: Record<string, string> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
  'і': 'i', 'ї': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'ɡ': 'g', 'ɩ': 'i',
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y',
};

// ASCII, nearly all of any document, folds by table: no Unicode normalisation per character.
const ascii = Array.from({length: 128}, (_, code) => (/\s/.test(String.fromCharCode(code)) ? ' ' : String.fromCharCode(code).toLowerCase()));

/** Fold one character as it renders; the empty string when it renders as nothing. */
export function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 128) return ascii[code]!;
  if (invisible.test(char)) return '';
  const folded = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  let out = '';
  for (const c of folded) out += lookAlikes[c] ?? (/\s/.test(c) ? ' ' : c);
  return out;
}

/** Builds one run from pieces of text, each with the offsets its characters came from. */
export class RunBuilder {
  // Characters are kept in an array and joined once: reading the end of a string that is
  // still being appended to would flatten it every time, quadratic on a long paragraph.
  private readonly chars: string[] = [];
  private readonly offsets: number[] = [];
  private last = '';

  /** Add text; `at(i)` gives the source offset of its i-th UTF-16 unit. */
  add(value: string, at: (index: number) => number): void {
    let index = 0;
    for (const char of value) {
      const folded = foldChar(char);
      const offset = at(index);
      index += char.length;
      for (const c of folded) {
        // One space between words, however many spaces, tabs or line breaks were written.
        if (c === ' ' && (this.chars.length === 0 || this.last === ' ')) continue;
        this.chars.push(c);
        // One offset per UTF-16 unit, as the folded text is indexed.
        for (let unit = 0; unit < c.length; unit++) this.offsets.push(offset);
        this.last = c;
      }
    }
  }

  /** Characters so far. */
  get length(): number {
    return this.offsets.length;
  }

  /** Point the character at `index` at another source offset. */
  pin(index: number, offset: number): void {
    if (index < this.offsets.length) this.offsets[index] = offset;
  }

  /** The run so far. */
  done(): Run {
    return {text: this.chars.join(''), offsets: this.offsets};
  }
}

/** A run of one string that stood at `start` in the source, exactly as written when `exact`. */
export function runOf(value: string, start: number, exact: boolean): Run {
  const builder = new RunBuilder();
  builder.add(value, (index) => (exact ? start + index : start));
  return builder.done();
}
