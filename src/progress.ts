/**
 * Progress of long work on a terminal: files checked, pages written, PDFs printed, each with
 * a count and an estimate of the time left, on one line that is rewritten in place and
 * cleared at the end. Nothing at all when the stream is not a terminal (a log, a pipe, CI),
 * so reports and machine-readable output stay exactly as they were.
 */

/** One step of progress: `done` of `total` units of a stage. */
export interface ProgressEvent {
  /** Which work: checking content files, writing site pages, or printing PDFs. */
  stage: 'check' | 'write' | 'print';
  /** Units finished so far. */
  done: number;
  /** Units in all. */
  total: number;
}

/** Receives progress as the work goes; optional everywhere it is accepted. */
export type OnProgress = (event: ProgressEvent) => void;

/** A progress line on a terminal. */
export interface TerminalProgress {
  /** Give to the library call's `onProgress`. */
  onProgress: OnProgress;
  /** Clear the line; call before printing the report. */
  end(): void;
}

const nouns: Record<ProgressEvent['stage'], string> = {check: 'files checked', write: 'pages written', print: 'PDFs printed'};

/** How often the line is redrawn at most, in milliseconds: often enough to look alive. */
const interval = 100;

/**
 * A progress line on `stream`, or `undefined` when the stream is not a terminal or `quiet`
 * is set. `now` is the clock in milliseconds.
 */
export function terminalProgress(stream: NodeJS.WritableStream, quiet: boolean, now: () => number = () => performance.now()): TerminalProgress | undefined {
  if (quiet || (stream as NodeJS.WriteStream).isTTY !== true) return undefined;
  let stage: ProgressEvent['stage'] | undefined;
  let started = 0;
  let drawn = -Infinity;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    onProgress(event) {
      const time = now();
      if (event.stage !== stage) {
        stage = event.stage;
        started = time;
        drawn = -Infinity;
      }
      // The first and last counts always show; in between, at most one redraw per interval.
      if (event.done !== 0 && event.done < event.total && time - drawn < interval) return;
      drawn = time;
      stream.write(`\r\x1b[K${progressLine(event, time - started)}`);
      shown = true;
    },
    end: clear,
  };
}

/** `opsg: 1,200/3,000 files checked, about 12 s left`: the estimate once there is a rate to go by. */
export function progressLine(event: ProgressEvent, elapsedMs: number): string {
  const count = `${event.done.toLocaleString('en-GB')}/${event.total.toLocaleString('en-GB')} ${nouns[event.stage]}`;
  if (event.done === 0 || event.done >= event.total || elapsedMs < 500) return `opsg: ${count}`;
  const left = Math.ceil(((elapsedMs / event.done) * (event.total - event.done)) / 1000);
  return `opsg: ${count}, about ${left < 60 ? `${left} s` : `${Math.ceil(left / 60)} min`} left`;
}
