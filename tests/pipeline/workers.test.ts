/**
 * The worker pool: kept between small runs (a library user, the preview), and let go at
 * the end of a large one, so that their heaps are not held while the site is rendered.
 */
import {describe, expect, it} from 'vitest';
import {loadSettings} from '../../src/index.js';
import {discover} from '../../src/pipeline/load.js';
import {idleWorkers, processAll, releaseWorkers} from '../../src/pipeline/process-all.js';
import {makeSite, meeting} from '../helpers.js';

function site(count: number): string {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n++) files[`content/m${n}.md`] = meeting({meeting: n, date: `2019-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`});
  return makeSite(files);
}

async function check(dir: string): Promise<number> {
  const {settings} = loadSettings({cwd: dir, jobs: 2, cache: false});
  const {results} = await processAll(settings, discover(settings).paths, {store: false});
  return results.length;
}

describe('the worker pool', () => {
  it('keeps its workers after a small run, and lets them go after a large one', async () => {
    releaseWorkers();
    expect(await check(site(3))).toBe(3);
    expect(idleWorkers()).toBeGreaterThan(0);
    expect(await check(site(300))).toBe(300);
    expect(idleWorkers()).toBe(0);
    // The next run starts new ones.
    expect(await check(site(2))).toBe(2);
    expect(idleWorkers()).toBeGreaterThan(0);
  });
});
