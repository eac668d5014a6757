/**
 * The import progress bar (cli-progress, on stderr so --json output stays clean). Shown when
 * stderr is a terminal, or when asked for with --progress; phases share one bar: reading the file
 * is the first 70%, matching against the network the next 10%, writing the rest.
 */
import cliProgress from 'cli-progress';
import type { ImportPhase } from '../../graph/importers/run-import.js';

const SPAN: Record<ImportPhase, [number, number]> = { reading: [0, 70], matching: [70, 80], writing: [80, 100] };

export interface Progress {
  update(phase: ImportPhase, fraction: number): void;
  stop(): void;
}

/** A progress bar, or a no-op when it should not be shown. */
export function progressBar(show: boolean, label: string): Progress {
  if (!show) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {phase} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 1000,
    },
    cliProgress.Presets.shades_classic,
  );
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
