/**
 * The config's own texts that appear on pages (site title, group names, introductions, the
 * classification label and standard statement) go through the same reading as a document:
 * every page of the site shows them, so they may name White and nothing else.
 */
import type {VFile} from 'vfile';
import {location} from 'vfile-location';
import type {Settings} from '../config.js';
import {isPublic, parseLevel} from '../classification.js';
import {fatal} from '../messages.js';
import {contradicts, shown} from './compare.js';
import {readText} from './read.js';

/** Report, on the config file, every statement or marker of a level other than White in the config's page texts. */
export function checkSiteTexts(settings: Settings, configFile: VFile): void {
  const source = String(configFile.value ?? '');
  const place = location(configFile);
  const texts: Array<[string, string]> = [
    ['title', settings.title],
    ...Object.entries(settings.groups).map(([code, name]): [string, string] => [`groups.${code}`, name]),
    ...Object.entries(settings.intros).map(([code, intro]): [string, string] => [`intros.${code}`, intro]),
    ['classification.label', settings.label],
    ['classification.statement', settings.statement],
  ];
  for (const [key, value] of texts) {
    // Where the value is written in the config file: exact positions when it has no escapes.
    const encoded = JSON.stringify(value);
    const at = source.indexOf(encoded);
    const start = at === -1 ? 0 : at + 1;
    const exact = at !== -1 && encoded.slice(1, -1) === value;
    const found = readText(value, start, exact).filter((finding) => contradicts(finding, 'white'));
    const label = key === 'classification.label' ? parseLevel(value.replace(/^tlp\s*:?\s*/i, 'tlp:')) ?? parseLevel(value) : undefined;
    if (label !== undefined && !isPublic(label)) {
      fatal(configFile, `Unexpected classification label \`${value}\`, expected \`WHITE\`: the label is printed on every published page`, place.toPoint(start), 'classification-marker');
      continue;
    }
    for (const finding of found) {
      const ruleId = finding.kind === 'marker' ? 'classification-marker' : 'classification-statement-mismatch';
      fatal(configFile, `Unexpected ${finding.kind === 'marker' ? 'marker' : 'classification'} \`${shown(finding)}\` in the config's \`${key}\`, expected White only: this text appears on published pages`, place.toPoint(finding.offset), ruleId);
    }
  }
}
