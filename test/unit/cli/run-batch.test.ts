/**
 * The batch with a fake analysis page: outputs, resume, failures that do not stop the others,
 * setup errors that stop the batch, and parallel lanes.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeCommand, type AnalyzeOptions } from '../../../src/cli/analyze-command.ts';
import type { RunContext } from '../../../src/cli/analyze-file.ts';
import { createAnalysisValidator } from '../../../src/cli/analysis-validator.ts';
import { collectInputs } from '../../../src/cli/collect-inputs.ts';
import { outputPaths } from '../../../src/cli/output-paths.ts';
import type { ProgressReporter } from '../../../src/cli/progress-reporter.ts';
import { checkOutputs } from '../../../src/cli/resume.ts';
import { runBatch } from '../../../src/cli/run-batch.ts';
import { AnalysisError } from '../../../src/node/analysis-types.ts';
import { FRAMES_CSV_COLUMNS } from '../../../src/shared/export/frames-csv.ts';
import { createFakeLauncher, type FakeBrowserOptions } from './fake-analysis-browser.ts';

let dir: string;
let videos: string;
let out: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'microflash-batch-'));
  videos = path.join(dir, 'videos');
  out = path.join(dir, 'out');
  await mkdir(videos);
  for (const name of ['a.mp4', 'b.mov', 'c.webm']) await writeFile(path.join(videos, name), `video ${name}`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const silent: ProgressReporter = { start() {}, fileStarted() {}, fileProgress() {}, fileFinished() {}, note() {}, stop() {} };
const MODEL_SHA = 'c'.repeat(64);

function context(): RunContext {
  return {
    toolVersion: '0.1.0',
    modelSha256: MODEL_SHA,
    configuration: { delegate: 'auto', rules: null, rulesFile: null },
    validate: createAnalysisValidator(),
    now: () => new Date(0),
    stallTimeoutMs: 10_000,
  };
}

/** A stream that keeps what is written. */
function sink(): NodeJS.WriteStream & { text(): string } {
  let text = '';
  const write = (chunk: string) => {
    text += chunk;
    return true;
  };
  return Object.assign({ write, isTTY: false } as unknown as NodeJS.WriteStream, { text: () => text });
}

async function run(fake: FakeBrowserOptions, options: Partial<AnalyzeOptions> = {}, paths = [videos]) {
  const { launch, log } = createFakeLauncher(fake);
  const stdout = sink();
  const stderr = sink();
  const status = await analyzeCommand(
    paths,
    { out, jobs: 1, delegate: 'auto', force: false, ...options },
    { toolVersion: '0.1.0', modelSha256: MODEL_SHA, launch, stdout, stderr, interactive: false },
  );
  return { status, log, stdout: stdout.text(), stderr: stderr.text() };
}

describe('analyze command with a fake analysis page', () => {
  it('writes four parseable files per input and prints fps per file', async () => {
    const { status, stdout, stderr } = await run({ frameCount: 45 });
    expect(status).toBe(0);
    expect((await readdir(out)).sort()).toEqual(
      ['a', 'b', 'c'].flatMap((s) => [`${s}.events.csv`, `${s}.frames.csv`, `${s}.json`, `${s}.vtt`]).sort(),
    );
    const frames = Papa.parse<Record<string, string>>(await readFile(path.join(out, 'a.frames.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(frames.errors).toEqual([]);
    expect(frames.meta.fields).toEqual([...FRAMES_CSV_COLUMNS]);
    expect(frames.data).toHaveLength(45);
    expect(frames.data.map((r) => Number(r.frame))).toEqual(Array.from({ length: 45 }, (_, i) => i));
    const doc = JSON.parse(await readFile(path.join(out, 'a.json'), 'utf8'));
    expect(createAnalysisValidator()(doc)).toBe(true);
    expect(doc.analysis.frameCount).toBe(45);
    expect(doc.analysis.framesWithFace).toBe(45 - 6);
    expect(doc.input.fileName).toBe('a.mp4');
    expect(stdout).toMatch(/^a\s+done\s+45\s+0\.5\s+90\.0\s+1$/m);
    expect(stderr).toContain('[1/3] a: 45 frames in 0.5 s (90.0 fps, CPU), 1 events');
  });

  it("says when a file ended before its declared frames, keeps the container's frame rate, and exits 3", async () => {
    const { status, stdout, stderr } = await run({ frameCount: 57, declaredFrames: 472 }, {}, [path.join(videos, 'a.mp4')]);
    expect(status).toBe(3);
    const doc = JSON.parse(await readFile(path.join(out, 'a.json'), 'utf8'));
    expect(createAnalysisValidator()(doc)).toBe(true);
    expect(doc.video).toMatchObject({ frameCount: 57, declaredFrameCount: 472, complete: false, fps: 30 });
    expect(stderr).toMatch(/warning: .*a\.mp4: the file ended early: 57 of 472 frames/);
    expect(stdout).toMatch(/^a\s+incomplete \(57 of 472 frames\)/m);
  });

  it('leaves no part of a set under its final name when a later file of the set cannot be written', async () => {
    // The WebVTT's final name is taken by a folder: renaming onto it fails after the CSVs were renamed.
    await mkdir(path.join(out, 'a.vtt', 'taken'), { recursive: true });
    const { status } = await run({ frameCount: 45 }, {}, [path.join(videos, 'a.mp4')]);
    expect(status).toBe(1);
    const files = (await readdir(out)).filter((f) => f.startsWith('a.') && f !== 'a.vtt');
    expect(files).toEqual([]);
  });

  it('reports a failing file in one line, completes the others and exits non-zero', async () => {
    const { status, stdout, stderr } = await run({ failures: { 'b.mov': 'unsupported-codec' }, failAfterFrames: 20 });
    expect(status).toBe(1);
    const errors = stderr.split('\n').filter((l) => l.includes('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('b.mov: unsupported video codec: fake unsupported-codec');
    expect(errors[0]).toContain('ffmpeg -i');
    const files = await readdir(out);
    expect(files.filter((f) => f.startsWith('b.'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('c.'))).toHaveLength(4);
    expect(stdout).toMatch(/^b\s+failed/m);
  });

  it('says that AVI is not read, and how to convert it', async () => {
    await writeFile(path.join(videos, 'old.avi'), 'RIFF');
    const { stderr } = await run({ failures: { 'old.avi': 'corrupt-file' } }, {}, [path.join(videos, 'old.avi')]);
    expect(stderr).toMatch(/old\.avi: \.avi files are not read .* Convert it: ffmpeg -i .*old\.avi -c:v libx264 -crf 18 .*old\.h264\.mp4/);
  });

  it('starts a fresh page after a failure', async () => {
    const { log } = await run({ failures: { 'a.mp4': 'corrupt-file' } });
    expect(log.analysed).toEqual(['a.mp4', 'b.mov', 'c.webm']);
    expect(log.launched).toBe(2);
    expect(log.closed).toBe(2);
  });

  it('stops the batch on an error every file would hit', async () => {
    const { status, log, stderr } = await run({ failures: { 'a.mp4': 'model-load-failed', 'b.mov': 'model-load-failed' } });
    expect(status).toBe(2);
    expect(log.analysed).toEqual(['a.mp4']);
    expect(stderr).toContain('error: fake model-load-failed');
  });

  it("exits 2 with the launcher's message when no browser starts", async () => {
    const stderr = sink();
    const status = await analyzeCommand(
      [videos],
      { out, jobs: 2, delegate: 'auto', force: false },
      {
        toolVersion: '0.1.0',
        modelSha256: MODEL_SHA,
        launch: async () => {
          throw new AnalysisError('no-browser', 'No Chromium found. Install one.');
        },
        stdout: sink(),
        stderr,
        interactive: false,
      },
    );
    expect(status).toBe(2);
    expect(stderr.text()).toContain('error: No Chromium found. Install one.');
  });

  it('a browser that crashes once at launch is started again, and the batch runs', async () => {
    const { launch: good, log } = createFakeLauncher({});
    let attempts = 0;
    const launch = async () => {
      attempts++;
      if (attempts === 1) throw new AnalysisError('internal', 'Could not start the analysis browser: crashed');
      return good();
    };
    const stderr = sink();
    const status = await analyzeCommand(
      [videos],
      { out, jobs: 1, delegate: 'auto', force: false },
      { toolVersion: '0.1.0', modelSha256: MODEL_SHA, launch, stdout: sink(), stderr, interactive: false },
    );
    expect(status, stderr.text()).toBe(0);
    expect(attempts).toBe(2);
    expect(log.analysed.sort()).toEqual(['a.mp4', 'b.mov', 'c.webm']);
  });

  it('a browser that never starts stops the batch after a second try, with its message', async () => {
    let attempts = 0;
    const stderr = sink();
    const status = await analyzeCommand(
      [videos],
      { out, jobs: 1, delegate: 'auto', force: false },
      {
        toolVersion: '0.1.0',
        modelSha256: MODEL_SHA,
        launch: async () => {
          attempts++;
          throw new AnalysisError('internal', 'Could not start the analysis browser: crashed');
        },
        stdout: sink(),
        stderr,
        interactive: false,
      },
    );
    expect(status).toBe(2);
    expect(attempts).toBe(2);
    expect(stderr.text()).toContain('crashed');
  });

  it('resumes: skips complete outputs, redoes incomplete ones, and --force redoes all', async () => {
    await run({});
    const second = await run({});
    expect(second.log.analysed).toEqual([]);
    expect(second.log.launched).toBe(0);
    expect(second.stdout).toMatch(/^a\s+skipped/m);

    // A truncated frames table is not complete.
    const aFrames = path.join(out, 'a.frames.csv');
    const text = await readFile(aFrames, 'utf8');
    await writeFile(aFrames, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
    // A changed input is not the analysed one.
    await writeFile(path.join(videos, 'c.webm'), 'video c.webm, edited');
    const third = await run({});
    expect(third.log.analysed).toEqual(['a.mp4', 'c.webm']);
    expect(third.stderr).toContain('a: analysing again: the frames CSV has 44 rows, expected 45');
    expect(third.stderr).toContain('c: analysing again: the input file changed (size differs)');

    const forced = await run({}, { force: true });
    expect(forced.log.analysed).toEqual(['a.mp4', 'b.mov', 'c.webm']);
  });

  it('redoes a file whose outputs were made with other rules or another delegate', async () => {
    await run({});
    expect((await run({}, { delegate: 'CPU' })).log.analysed).toHaveLength(3);
    const validate = createAnalysisValidator();
    const [a] = await collectInputs([path.join(videos, 'a.mp4')]);
    const expected = { modelSha256: MODEL_SHA, configuration: { delegate: 'CPU' as const, rules: { other: 1 }, rulesFile: 'r.json' } };
    expect(await checkOutputs(outputPaths(out, 'a'), a!, expected, validate)).toEqual({ complete: false, reason: 'made with other rules' });
  });

  it('says why resume redoes a file', async () => {
    await run({});
    const validate = createAnalysisValidator();
    const [a] = await collectInputs([path.join(videos, 'a.mp4')]);
    const expected = { modelSha256: MODEL_SHA, configuration: { delegate: 'auto' as const, rules: null, rulesFile: null } };
    const paths = outputPaths(out, 'a');
    expect((await checkOutputs(paths, a!, expected, validate)).complete).toBe(true);
    expect(await checkOutputs(paths, a!, { ...expected, modelSha256: 'd'.repeat(64) }, validate)).toMatchObject({
      reason: 'made with another model',
    });
    await rm(paths.vtt);
    expect(await checkOutputs(paths, a!, expected, validate)).toMatchObject({ reason: 'the WebVTT file is missing' });
    await writeFile(paths.json, '{"format": "microflash-analysis"');
    expect(await checkOutputs(paths, a!, expected, validate)).toMatchObject({ reason: 'the JSON file is not valid JSON' });
  });

  it('gives up a file whose page stops sending frames, and goes on with a fresh page', async () => {
    const inputs = await collectInputs([videos]);
    const { launch, log } = createFakeLauncher({ hangs: ['b.mov'] });
    const result = await runBatch({
      inputs,
      outDir: out,
      jobs: 1,
      force: false,
      context: { ...context(), stallTimeoutMs: 100 },
      launch,
      reporter: silent,
    });
    expect(result.reports.map((r) => r.status)).toEqual(['done', 'failed', 'done']);
    const failed = result.reports[1];
    expect(failed?.status === 'failed' && failed.message).toMatch(
      /b\.mov: internal: no new frame for 0 s: the analysis page stopped responding/,
    );
    expect(log.launched).toBe(2);
    expect((await readdir(out)).filter((f) => f.startsWith('b.'))).toEqual([]);
  });

  it('runs lanes in parallel and still reports in input order', async () => {
    const inputs = await collectInputs([videos]);
    const { launch, log } = createFakeLauncher({});
    const finished: string[] = [];
    const result = await runBatch({
      inputs,
      outDir: out,
      jobs: 2,
      force: false,
      context: context(),
      launch,
      reporter: { ...silent, fileFinished: (r) => finished.push(r.input.stem) },
    });
    expect(log.launched).toBe(2);
    expect(log.closed).toBe(2);
    expect(result.reports.map((r) => [r.input.stem, r.status])).toEqual([
      ['a', 'done'],
      ['b', 'done'],
      ['c', 'done'],
    ]);
    expect([...finished].sort()).toEqual(['a', 'b', 'c']);
  });

  it('analyses only its shard', async () => {
    const first = await run({}, { shard: '1/2' });
    const second = await run({}, { shard: '2/2' });
    expect(first.log.analysed).toEqual(['a.mp4', 'c.webm']);
    expect(second.log.analysed).toEqual(['b.mov']);
    expect(first.stderr).toContain('shard 1/2: 2 of 3 files');
  });

  it('rejects a rules file that is not valid JSON before starting anything', async () => {
    const rules = path.join(dir, 'rules.json');
    await writeFile(rules, '{ nope');
    const { status, log, stderr } = await run({}, { rules });
    expect(status).toBe(2);
    expect(log.launched).toBe(0);
    expect(stderr).toMatch(/error: --rules .*rules\.json: not valid JSON/);
  });
});
