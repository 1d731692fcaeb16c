/** A PDF's logical structure read back with pdf.js: the outline, the tag tree and the document info. */
import fs from 'node:fs';
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One outline entry (bookmark) and the entries below it. */
export interface Bookmark {
  /** The text shown in a viewer's bookmarks pane. */
  title: string;
  /** Entries below this one. */
  items: Bookmark[];
}

/** A structure element (`H1`, `P`, `L` …) with the text of the content it tags. */
export interface Tagged {
  /** The structure type. */
  role: string;
  /** The text of every marked content below it, in order. */
  text: string;
}

/** What a PDF says about itself. */
export interface PdfStructure {
  /** Whether the catalogue's MarkInfo says the PDF is tagged. */
  marked: boolean;
  /** The document language (`/Lang`). */
  language: string | undefined;
  /** The document title (`/Title`). */
  title: string | undefined;
  /** The outline, top level first. */
  outline: Bookmark[];
  /** Every structure element of every page, depth first. */
  elements: Tagged[];
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

/** Read a PDF's structure tree, outline and metadata. */
export async function readStructure(file: string): Promise<PdfStructure> {
  const doc = await getDocument({data: new Uint8Array(fs.readFileSync(file)), verbosity: 0, useSystemFonts: false}).promise;
  try {
    const marked = ((await doc.getMarkInfo()) as {Marked?: boolean} | null)?.Marked === true;
    const info = (await doc.getMetadata()).info as {Language?: string; Title?: string};
    const toBookmark = (node: OutlineNode): Bookmark => ({title: node.title, items: (node.items ?? []).map(toBookmark)});
    const outline = ((await doc.getOutline()) as OutlineNode[] | null ?? []).map(toBookmark);
    const elements: Tagged[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      // Marked content ids → the text drawn inside them.
      const texts = new Map<string, string>();
      const content = await page.getTextContent({includeMarkedContent: true});
      const open: string[] = [];
      for (const item of content.items as Array<{type?: string; id?: string; str?: string}>) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '');
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined) for (const id of open) if (id) texts.set(id, (texts.get(id) ?? '') + item.str);
      }
      const textOf = (node: StructNode): string =>
        node.type === 'content' ? (texts.get(node.id ?? '') ?? '') : (node.children ?? []).map(textOf).join('');
      const walk = (node: StructNode) => {
        if (node.role) elements.push({role: node.role, text: textOf(node).replace(/\s+/g, ' ').trim()});
        for (const child of node.children ?? []) walk(child);
      };
      const tree = (await page.getStructTree()) as StructNode | null;
      if (tree) walk(tree);
    }
    return {marked, language: info.Language, title: info.Title, outline, elements};
  } finally {
    await doc.destroy();
  }
}
