/**
 * What the batch tells the person watching it. Two forms: live bars (one per running file and one
 * for the whole batch, with ETA) on a terminal, and plain lines otherwise (cluster
 * logs, CI), at most one progress line per file every CLI_DEFAULTS.plainProgressIntervalMs.
 * Both write to stderr; the final summary goes to stdout.
 */
import cliProgress from 'cli-progress';
import { CLI_DEFAULTS } from './cli-defaults.ts';
import type { InputFile } from './collect-inputs.ts';
import { createOverallProgress, formatDuration, type OverallProgress } from './overall-progress.ts';
import type { FileReport } from './run-batch.ts';

export interface ProgressReporter {
  start(inputs: readonly InputFile[]): void;
  fileStarted(input: InputFile): void;
  fileProgress(input: InputFile, done: number, total: number | null): void;
  fileFinished(report: FileReport): void;
  /** A remark about one file (e.g. why its old outputs are not reused). */
  note(input: InputFile, text: string): void;
  stop(): void;
}

/** The line that closes one file, for either form. */
export function finishedLine(report: FileReport): string {
  switch (report.status) {
    case 'done': {
      const s = report.summary;
      const line = `${report.input.stem}: ${s.frameCount} frames in ${s.elapsedS.toFixed(1)} s (${s.fps.toFixed(1)} fps, ${s.delegate}), ${s.eventCount} events`;
      return s.warning ? `${line}\nwarning: ${s.warning}` : line;
    }
    case 'skipped':
      return `${report.input.stem}: skipped (${report.reason}; --force analyses it again)`;
    case 'failed':
      return `error: ${report.message}`;
    case 'not-run':
      return `${report.input.stem}: not analysed (the batch stopped)`;
  }
}

/** Per-file state both forms keep. */
interface Running {
  startMs: number;
  lastLineMs: number;
}

function fpsSince(startMs: number, done: number, nowMs: number): number {
  const s = (nowMs - startMs) / 1000;
  return s > 0 ? done / s : 0;
}

/** Plain lines on `out`. `now` is injectable for tests. */
export function createPlainReporter(out: NodeJS.WritableStream, now: () => number = Date.now): ProgressReporter {
  let overall: OverallProgress = createOverallProgress([]);
  let count = 0;
  const positions = new Map<string, number>();
  const running = new Map<string, Running>();
  const say = (line: string) => out.write(line + '\n');
  const tag = (input: InputFile) => `[${positions.get(input.path)}/${count}]`;
  return {
    start(inputs) {
      overall = createOverallProgress(inputs);
      count = inputs.length;
      inputs.forEach((f, i) => {
        positions.set(f.path, i + 1);
      });
      say(`${count} file${count === 1 ? '' : 's'} to analyse`);
    },
    fileStarted(input) {
      const t = now();
      running.set(input.path, { startMs: t, lastLineMs: t });
      overall.began(t);
      say(`${tag(input)} ${input.stem}: started`);
    },
    fileProgress(input, done, total) {
      const t = now();
      const r = running.get(input.path);
      if (total) overall.update(input, done / total, t);
      if (!r || t - r.lastLineMs < CLI_DEFAULTS.plainProgressIntervalMs) return;
      r.lastLineMs = t;
      const fps = fpsSince(r.startMs, done, t);
      const pct = total ? ` ${Math.floor((100 * done) / total)}%` : '';
      const eta = total && fps > 0 ? `, ETA ${formatDuration((total - done) / fps)}` : '';
      say(
        `${tag(input)} ${input.stem}:${pct} ${done}/${total ?? '?'} frames, ${fps.toFixed(1)} fps${eta}; ` +
          `all files ${Math.floor(100 * overall.fraction())}%, ETA ${formatDuration(overall.etaS(t))}`,
      );
    },
    fileFinished(report) {
      running.delete(report.input.path);
      overall.finish(report.input, report.status === 'skipped', now());
      say(`${tag(report.input)} ${finishedLine(report)}`);
    },
    note(input, text) {
      say(`${tag(input)} ${input.stem}: ${text}`);
    },
    stop() {},
  };
}

/** Live bars with cli-progress on a terminal stream. */
export function createBarsReporter(stream: NodeJS.WriteStream, now: () => number = Date.now): ProgressReporter {
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: true,
      stopOnComplete: false,
      forceRedraw: true,
      barsize: 24,
      format: '{name} {bar} {percentage}% | {value}/{total} frames | {fps} fps | ETA {eta_formatted}',
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let overall: OverallProgress = createOverallProgress([]);
  let overallBar: cliProgress.SingleBar | null = null;
  let count = 0;
  let finished = 0;
  const bars = new Map<string, { bar: cliProgress.SingleBar; running: Running }>();
  const OVERALL_STEPS = 1000;
  const refreshOverall = () =>
    overallBar?.update(Math.round(overall.fraction() * OVERALL_STEPS), {
      files: `${finished}/${count}`,
      etaText: formatDuration(overall.etaS(now())),
    });
  const width = (inputs: readonly InputFile[]) => Math.min(40, Math.max(12, ...inputs.map((f) => f.stem.length)));
  let nameWidth = 12;
  const label = (s: string) => (s.length > nameWidth ? '…' + s.slice(-(nameWidth - 1)) : s.padEnd(nameWidth));
  return {
    start(inputs) {
      overall = createOverallProgress(inputs);
      count = inputs.length;
      nameWidth = width(inputs);
      overallBar = multibar.create(
        OVERALL_STEPS,
        0,
        { name: label('all files'), files: `0/${count}`, etaText: '?' },
        {
          format: '{name} {bar} {percentage}% | {files} files | ETA {etaText}',
        },
      );
    },
    fileStarted(input) {
      const t = now();
      const bar = multibar.create(1, 0, { name: label(input.stem), fps: '0.0' });
      overall.began(t);
      bars.set(input.path, { bar, running: { startMs: t, lastLineMs: t } });
    },
    fileProgress(input, done, total) {
      const entry = bars.get(input.path);
      if (!entry) return;
      const t = now();
      if (total) {
        entry.bar.setTotal(total);
        overall.update(input, done / total, t);
      }
      entry.bar.update(done, { fps: fpsSince(entry.running.startMs, done, t).toFixed(1) });
      refreshOverall();
    },
    fileFinished(report) {
      const entry = bars.get(report.input.path);
      if (entry) {
        entry.bar.stop();
        multibar.remove(entry.bar);
        bars.delete(report.input.path);
      }
      finished++;
      overall.finish(report.input, report.status === 'skipped', now());
      multibar.log(finishedLine(report) + '\n');
      refreshOverall();
    },
    note(input, text) {
      multibar.log(`${input.stem}: ${text}\n`);
    },
    stop() {
      refreshOverall();
      multibar.stop();
    },
  };
}
