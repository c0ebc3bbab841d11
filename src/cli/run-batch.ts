/**
 * Runs a list of inputs over `jobs` parallel analysis pages. Each lane starts its page when it first
 * needs one, takes the next input, skips it when its outputs are complete (unless forced), and
 * analyses it otherwise. A file that fails is reported and the lane goes on with a fresh page (the
 * old one may be in a bad state); an error that would fail every file (no browser, no model) stops
 * the batch. A browser that fails to start is tried once more before the batch stops (one crash at
 * launch, on a loaded machine, is not a missing browser). Every input gets exactly one report, in
 * input order.
 */
import type { AnalysisBrowser } from '../node/analysis-types.ts';
import { CLI_DEFAULTS } from './cli-defaults.ts';
import { analyzeFile, type FileAnalysisSummary, type RunContext } from './analyze-file.ts';
import type { InputFile } from './collect-inputs.ts';
import { describeFileError, isSetupError } from './describe-error.ts';
import { outputPaths, type OutputPaths } from './output-paths.ts';
import type { ProgressReporter } from './progress-reporter.ts';
import { checkOutputs, NO_OUTPUTS_YET } from './resume.ts';

export type FileReport =
  | { input: InputFile; status: 'done'; summary: FileAnalysisSummary }
  | { input: InputFile; status: 'skipped'; reason: string }
  | { input: InputFile; status: 'failed'; message: string }
  /** Not attempted because the batch stopped on a setup error. */
  | { input: InputFile; status: 'not-run' };

export interface BatchOptions {
  inputs: readonly InputFile[];
  outDir: string;
  /** Parallel pages, >= 1. */
  jobs: number;
  /** Analyse even when complete outputs exist. */
  force: boolean;
  context: RunContext;
  /** Starts one analysis page. */
  launch: () => Promise<AnalysisBrowser>;
  reporter: ProgressReporter;
}

export interface BatchResult {
  reports: FileReport[];
  /** Set when the batch stopped early: the error every file would have hit. */
  setupError: unknown;
}

async function launchWithRetry(launch: () => Promise<AnalysisBrowser>): Promise<AnalysisBrowser> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch();
    } catch (error) {
      // No browser installed, no model: the same next time.
      if (attempt >= CLI_DEFAULTS.launchAttempts || isSetupError(error)) throw error;
    }
  }
}

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { inputs, outDir, jobs, force, context, launch, reporter } = options;
  const reports: (FileReport | undefined)[] = inputs.map(() => undefined);
  let nextIndex = 0;
  let setupError: unknown = null;
  reporter.start(inputs);

  const lane = async (): Promise<void> => {
    let browser: AnalysisBrowser | null = null;
    const dropBrowser = async (): Promise<void> => {
      const closing = browser;
      browser = null;
      await closing?.close().catch(() => undefined);
    };
    const runOne = async (input: InputFile, paths: OutputPaths): Promise<FileReport> => {
      try {
        if (!force) {
          const verdict = await checkOutputs(paths, input, context, context.validate);
          if (verdict.complete) return { input, status: 'skipped', reason: 'outputs complete' };
          if (verdict.reason !== NO_OUTPUTS_YET) reporter.note(input, `analysing again: ${verdict.reason}`);
        }
      } catch (error) {
        return { input, status: 'failed', message: describeFileError(input.path, error) };
      }
      reporter.fileStarted(input);
      if (!browser) {
        try {
          browser = await launchWithRetry(launch);
        } catch (error) {
          setupError = error;
          return { input, status: 'not-run' };
        }
      }
      try {
        const summary = await analyzeFile(browser, input, paths, context, (done, total) => reporter.fileProgress(input, done, total));
        return { input, status: 'done', summary };
      } catch (error) {
        if (isSetupError(error)) {
          setupError = error;
          return { input, status: 'not-run' };
        }
        await dropBrowser();
        return { input, status: 'failed', message: describeFileError(input.path, error) };
      }
    };
    try {
      while (setupError === null && nextIndex < inputs.length) {
        const index = nextIndex++;
        const input = inputs[index]!;
        const paths = outputPaths(outDir, input.stem);
        const report = await runOne(input, paths);
        reports[index] = report;
        reporter.fileFinished(report);
      }
    } finally {
      await dropBrowser();
    }
  };

  const laneCount = Math.max(1, Math.min(jobs, inputs.length));
  await Promise.all(Array.from({ length: laneCount }, lane));
  reporter.stop();
  return {
    reports: reports.map((r, i) => r ?? { input: inputs[i]!, status: 'not-run' }),
    setupError,
  };
}
