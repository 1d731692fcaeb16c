// Reads a PDF with pdfjs-dist and prints JSON, so that the tests' PDF helpers can stay
// synchronous (pdfjs is asynchronous): `node pdf-reader.mjs info|lines|ink FILE [PAGE X Y W H]`.
import fs from 'node:fs';
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs';

const [operation, file, ...rest] = process.argv.slice(2);
const document = await getDocument({data: new Uint8Array(fs.readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0}).promise;

/** Page size in points, from its view box. */
function size(page) {
  const [x0, y0, x1, y1] = page.view;
  return {x0, y1, width: x1 - x0, height: y1 - y0};
}

/** Runs on the same baseline that follow closely are one line; a wide gap starts another. */
async function lines(page) {
  const {x0, y1} = size(page);
  const content = await page.getTextContent();
  const runs = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, , , e, f] = item.transform;
    const fontSize = Math.hypot(a, b);
    const style = content.styles[item.fontName] ?? {};
    runs.push({text: item.str, x: e - x0, y: y1 - f, width: item.width, size: fontSize, ascent: style.ascent ?? 0.9, descent: Math.abs(style.descent ?? -0.2)});
  }
  runs.sort((p, q) => p.y - q.y || p.x - q.x);
  const groups = [];
  for (const run of runs) {
    const current = groups.at(-1);
    const last = current?.at(-1);
    if (last && Math.abs(run.y - last.y) < last.size * 0.3 && run.x - (last.x + last.width) < last.size * 2) current.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    let text = '';
    let end = -Infinity;
    for (const run of group) {
      // A visible gap between runs is a space even where the PDF has no space character.
      if (text && !/\s$/.test(text) && !/^\s/.test(run.text) && run.x - end > run.size * 0.15) text += ' ';
      text += run.text;
      end = run.x + run.width;
    }
    return {
      text: text.replace(/\s+/g, ' ').trim(),
      xMin: Math.min(...group.map((run) => run.x)),
      yMin: Math.min(...group.map((run) => run.y - run.ascent * run.size)),
      xMax: Math.max(...group.map((run) => run.x + run.width)),
      yMax: Math.max(...group.map((run) => run.y + run.descent * run.size)),
    };
  });
}

/** Shares of dark (below 25% grey) and light (above 75%) pixels in a box, rendered at 72 dpi on pdfjs's own canvas. */
async function ink(page, x, y, width, height) {
  const viewport = page.getViewport({scale: 1});
  const {canvas, context} = document.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({canvas, canvasContext: context, viewport}).promise;
  const {data} = context.getImageData(Math.round(x), Math.round(y), Math.round(width), Math.round(height));
  let dark = 0;
  let light = 0;
  for (let index = 0; index < data.length; index += 4) {
    const grey = 0.299 * data[index] + 0.587 * data[index + 1] + 0.114 * data[index + 2];
    if (grey < 64) dark++;
    else if (grey > 192) light++;
  }
  const count = data.length / 4;
  return {dark: dark / count, light: light / count};
}

let result;
if (operation === 'info') {
  const {info} = await document.getMetadata();
  const sizes = [];
  for (let number = 1; number <= document.numPages; number++) {
    const {width, height} = size(await document.getPage(number));
    sizes.push({width, height});
  }
  result = {title: info.Title ?? '', pages: document.numPages, sizes};
} else if (operation === 'lines') {
  result = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const {width, height} = size(page);
    result.push({width, height, lines: await lines(page)});
  }
} else if (operation === 'ink') {
  const [number, x, y, width, height] = rest.map(Number);
  result = await ink(await document.getPage(number), x, y, width, height);
} else {
  throw new Error(`unknown operation ${operation}`);
}
await document.destroy();
process.stdout.write(JSON.stringify(result));
