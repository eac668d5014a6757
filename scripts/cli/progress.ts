/**
 * The import progress bars (cli-progress, on stderr so --json output stays clean). Shown when
 * stderr is a terminal, or when asked for with --progress. With the embedded store the phases
 * share one bar: reading the file is the first 70%, matching against the network the next 10%,
 * writing the rest. Through a server (REFNET_URL) the work happens there: the bar shows the bytes
 * of the file sent, of the total, then that the server is importing them.
 */
import cliProgress from 'cli-progress';
import type { ImportPhase } from '../../graph/importers/run-import.js';

const SPAN: Record<ImportPhase, [number, number]> = { reading: [0, 70], matching: [70, 80], writing: [80, 100] };

export interface Progress {
  update(phase: ImportPhase, fraction: number): void;
  stop(): void;
}

export interface UploadBar {
  /** `sent` bytes of `total` have gone to the server. */
  sent(sent: number, total: number): void;
  stop(): void;
}

function newBar(format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 1000,
    },
    cliProgress.Presets.shades_classic,
  );
}

/** "1.4 MB": the size of what is sent, in the unit a person reads. */
export function byteSize(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = n / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The upload bar of an import through a server, or a no-op when it should not be shown. */
export function uploadBar(show: boolean, label: string): UploadBar {
  if (!show) return { sent: () => undefined, stop: () => undefined };
  const bar = newBar(`${label} [{bar}] {percentage}% | {sent} of {size} sent{waiting} | {duration_formatted}`);
  let started = false;
  let total = 0;
  return {
    sent(sent, size) {
      total = size;
      const payload = { sent: byteSize(sent), size: byteSize(size), waiting: sent >= size ? ', the server is importing' : '' };
      // An empty file still shows a whole bar.
      if (!started) bar.start(Math.max(size, 1), sent, payload);
      else bar.update(sent, payload);
      started = true;
    },
    stop() {
      if (!started) return;
      bar.update(Math.max(total, 1), { sent: byteSize(total), size: byteSize(total), waiting: ', done' });
      bar.stop();
    },
  };
}

/** A progress bar, or a no-op when it should not be shown. */
export function progressBar(show: boolean, label: string): Progress {
  if (!show) return { update: () => undefined, stop: () => undefined };
  const bar = newBar(`${label} [{bar}] {percentage}% | {phase} | {duration_formatted}`);
  bar.start(100, 0, { phase: 'reading' });
  return {
    update(phase, fraction) {
      const [from, to] = SPAN[phase];
      bar.update(Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction))), { phase });
    },
    stop() {
      bar.update(100, { phase: 'done' });
      bar.stop();
    },
  };
}
