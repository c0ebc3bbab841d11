/**
 * Progress of the whole batch, weighted by file size (a cheap stand-in for frame count, which is
 * known only once a file is opened). Skipped files leave the total, so that they do not make the
 * estimate optimistic. Explicit state, one instance per run; times come in as arguments.
 */
import type { InputFile } from './collect-inputs.ts';

export interface OverallProgress {
  /** A file's analysis began (the clock of the estimate starts with the first). */
  began(nowMs: number): void;
  /** Fraction done of the file (0-1) and the current time, ms. */
  update(input: InputFile, fraction: number, nowMs: number): void;
  /** The file is done (analysed or failed: its work is spent) or was skipped (no work). */
  finish(input: InputFile, skipped: boolean, nowMs: number): void;
  /** 0-1 of the work still counted. */
  fraction(): number;
  /** Seconds left at the rate so far, or null before there is a rate. */
  etaS(nowMs: number): number | null;
}

export function createOverallProgress(inputs: readonly InputFile[]): OverallProgress {
  let totalBytes = inputs.reduce((sum, f) => sum + f.sizeBytes, 0);
  let finishedBytes = 0;
  const active = new Map<string, number>();
  let startMs: number | null = null;
  const doneBytes = () => finishedBytes + [...active.entries()].reduce((sum, [, bytes]) => sum + bytes, 0);
  const fraction = () => (totalBytes > 0 ? Math.min(1, doneBytes() / totalBytes) : 1);
  return {
    began(nowMs) {
      startMs ??= nowMs;
    },
    update(input, f, nowMs) {
      startMs ??= nowMs;
      active.set(input.path, Math.max(0, Math.min(1, f)) * input.sizeBytes);
    },
    finish(input, skipped, nowMs) {
      active.delete(input.path);
      if (skipped) totalBytes -= input.sizeBytes;
      else {
        startMs ??= nowMs;
        finishedBytes += input.sizeBytes;
      }
    },
    fraction,
    etaS(nowMs) {
      const f = fraction();
      if (startMs === null || f <= 0) return null;
      const elapsedS = (nowMs - startMs) / 1000;
      return (elapsedS * (1 - f)) / f;
    },
  };
}

/** `45 s`, `3 min 20 s`, `1 h 05 min`; `?` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
}
