/** Site paths (`opsg/27/`, `assets/style.css`, `` for home) and the hrefs between them. */

/**
 * An href from the page at `from` (a file's site path) to `target` (a site path). A folder
 * (`opsg/27/`, or `` for home) is linked by its `index.html` unless `clean`: a browser
 * opening the site from disk shows a folder as a file listing, while a web server serves
 * its index page at the folder's clean URL.
 */
export function relativeUrl(from: string, target: string, clean = false): string {
  const [folderPath, fragment] = splitFragment(target);
  const targetPath = !clean && (folderPath === '' || folderPath.endsWith('/')) ? folderPath + 'index.html' : folderPath;
  const fromDir = from.slice(0, from.lastIndexOf('/') + 1).split('/').filter(Boolean);
  const to = targetPath.split('/');
  let common = 0;
  while (common < fromDir.length && common < to.length - 1 && fromDir[common] === to[common]) common++;
  const href = '../'.repeat(fromDir.length - common) + to.slice(common).join('/');
  return (href === '' ? './' : href) + fragment;
}

/** An href that works from any path: the base followed by the site path. */
export function absolutePath(base: string, target: string): string {
  return base + target;
}

/** A full URL, when the site URL is configured. */
export function fullUrl(siteUrl: string, base: string, target: string): string {
  return siteUrl + base + target;
}

function splitFragment(target: string): [string, string] {
  const hash = target.indexOf('#');
  return hash === -1 ? [target, ''] : [target.slice(0, hash), target.slice(hash)];
}
