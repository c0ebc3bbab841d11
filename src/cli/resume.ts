/**
 * Resume: an input whose four outputs are complete and match it is skipped (unless --force).
 * Complete and matching means:
 *  - the JSON exists and validates against the schema (it is written last, so it marks completion);
 *  - it records this input (same size and sha256), this model and this configuration (delegate asked
 *    for and rules), and analysed every frame of the video;
 *  - the frames CSV has the current columns and exactly that many rows, the events CSV one row per
 *    event, and the WebVTT file exists.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { type AnalysisDocument, eventsCsvHeader, framesCsvHeader } from '../shared/export/index.ts';
import type { AnalysisValidator } from './analysis-validator.ts';
import type { InputFile } from './collect-inputs.ts';
import type { OutputPaths } from './output-paths.ts';
import { sha256File } from './sha256-file.ts';

/** What the outputs must record to count as this run's. */
export interface ResumeExpectation {
  modelSha256: string;
  configuration: AnalysisDocument['configuration'];
}

/** The verdict's reason when there is nothing on disk yet (not worth a log line). */
export const NO_OUTPUTS_YET = 'no outputs yet';

export type ResumeVerdict = { complete: true; document: AnalysisDocument } | { complete: false; reason: string };

/** What is on disk for one input, read cheaply (line counts, first line), for `judgeOutputs`. */
export interface OutputSnapshot {
  /** The JSON file's text; undefined when absent. */
  jsonText: string | undefined;
  framesCsv: { firstLine: string; lines: number; endsWithNewline: boolean } | null;
  eventsCsv: { firstLine: string; lines: number; endsWithNewline: boolean } | null;
  vttExists: boolean;
}

/** The pure decision. `inputSha256` is asked for only when everything else matches (hashing is slow). */
export async function judgeOutputs(
  snapshot: OutputSnapshot,
  input: InputFile,
  expected: ResumeExpectation,
  validate: AnalysisValidator,
  inputSha256: () => Promise<string>,
): Promise<ResumeVerdict> {
  const no = (reason: string): ResumeVerdict => ({ complete: false, reason });
  if (snapshot.jsonText === undefined) return no(NO_OUTPUTS_YET);
  let doc: unknown;
  try {
    doc = JSON.parse(snapshot.jsonText);
  } catch {
    return no('the JSON file is not valid JSON');
  }
  if (!validate(doc)) return no(`the JSON does not match the schema (${validate.errorsText()})`);
  if (doc.input.sizeBytes !== input.sizeBytes) return no('the input file changed (size differs)');
  if (doc.analysis.modelSha256 !== expected.modelSha256) return no('made with another model');
  if (doc.configuration.delegate !== expected.configuration.delegate) return no('made with another --delegate');
  if (!isDeepStrictEqual(doc.configuration.rules, expected.configuration.rules)) return no('made with other rules');
  if (doc.analysis.frameCount !== doc.video.frameCount) return no('not every frame was analysed');
  const frames = snapshot.framesCsv;
  if (!frames) return no('the frames CSV is missing');
  if (frames.firstLine + '\n' !== framesCsvHeader()) return no('the frames CSV has other columns');
  const frameRows = frames.lines - 1;
  if (!frames.endsWithNewline || frameRows !== doc.analysis.frameCount) {
    return no(`the frames CSV has ${frameRows} rows, expected ${doc.analysis.frameCount}`);
  }
  const events = snapshot.eventsCsv;
  if (!events || events.firstLine + '\n' !== eventsCsvHeader()) return no('the events CSV is missing or has other columns');
  if (!events.endsWithNewline || events.lines - 1 !== doc.events.length) return no('the events CSV does not match the JSON');
  if (!snapshot.vttExists) return no('the WebVTT file is missing');
  if (doc.input.sha256 !== (await inputSha256())) return no('the input file changed (sha256 differs)');
  return { complete: true, document: doc };
}

/** Reads the snapshot of one input's outputs and judges it. */
export async function checkOutputs(
  paths: OutputPaths,
  input: InputFile,
  expected: ResumeExpectation,
  validate: AnalysisValidator,
): Promise<ResumeVerdict> {
  const snapshot: OutputSnapshot = {
    jsonText: await readFile(paths.json, 'utf8').catch(() => undefined),
    framesCsv: await scanLines(paths.frames),
    eventsCsv: await scanLines(paths.events),
    vttExists: await stat(paths.vtt).then(
      (s) => s.isFile(),
      () => false,
    ),
  };
  return judgeOutputs(snapshot, input, expected, validate, () => sha256File(input.path));
}

const NEWLINE = 0x0a;

/** First line, count of line breaks, and whether the file ends with one; null when absent. */
async function scanLines(file: string): Promise<OutputSnapshot['framesCsv']> {
  let lines = 0;
  let last = -1;
  const head: Buffer[] = [];
  let headDone = false;
  try {
    for await (const chunk of createReadStream(file)) {
      const buf = chunk as Buffer;
      if (!headDone) {
        const nl = buf.indexOf(NEWLINE);
        head.push(nl === -1 ? buf : buf.subarray(0, nl));
        headDone = nl !== -1;
      }
      for (let i = buf.indexOf(NEWLINE); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) lines++;
      if (buf.length > 0) last = buf[buf.length - 1]!;
    }
  } catch {
    return null;
  }
  return { firstLine: Buffer.concat(head).toString('utf8'), lines, endsWithNewline: last === NEWLINE };
}
