/** Where the four files of one input go. */
import path from 'node:path';
import { EXPORT_SUFFIXES, type ExportKind } from '../shared/export/index.ts';
import { CLI_DEFAULTS } from './cli-defaults.ts';

export type OutputPaths = Readonly<Record<ExportKind, string>>;

/** `<out>/<stem>.frames.csv`, `.events.csv`, `.json`, `.vtt`; always inside `outDir` (throws otherwise). */
export function outputPaths(outDir: string, stem: string): OutputPaths {
  const base = path.join(outDir, ...stem.split('/'));
  const inside = path.relative(path.resolve(outDir), path.resolve(path.dirname(base)));
  if (inside.startsWith('..') || path.isAbsolute(inside) || path.basename(base).replace(/\./g, '') === '') {
    throw new Error(`the output name ${JSON.stringify(stem)} would be written outside ${outDir}; rename the input`);
  }
  return {
    frames: base + EXPORT_SUFFIXES.frames,
    events: base + EXPORT_SUFFIXES.events,
    json: base + EXPORT_SUFFIXES.json,
    vtt: base + EXPORT_SUFFIXES.vtt,
  };
}

/** The name a file has while it is being written. */
export function partialPath(finalPath: string): string {
  return finalPath + CLI_DEFAULTS.partialSuffix;
}
