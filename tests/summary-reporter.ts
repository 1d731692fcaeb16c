/**
 * Ends a test run with one plain line, `N passed, N failed, N skipped`, that any CI log
 * reader understands (vitest's own summary is coloured and laid out for people).
 */
import type {Reporter, TestModule} from 'vitest/node';

/** The plain closing line. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    const count = {passed: 0, failed: 0, skipped: 0};
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) count.failed++;
    }
    count.failed += errors.length;
    process.stdout.write(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`);
  }
}
