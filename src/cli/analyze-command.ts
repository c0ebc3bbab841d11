/**
 * `microflash analyze`: the whole command once its arguments are parsed. The browser launcher and
 * the output streams come in as arguments, so tests run it with a fake analysis page.
 */
import type { AnalysisBrowser } from '../node/analysis-types.ts';
import type { DelegateChoice } from '../shared/contract/index.ts';
import { createAnalysisValidator } from './analysis-validator.ts';
import { CLI_DEFAULTS, EXIT_FILE_FAILED, EXIT_INCOMPLETE, EXIT_OK, EXIT_SETUP_FAILED } from './cli-defaults.ts';
import { collectInputs, type InputFile } from './collect-inputs.ts';
import { claimOutDir } from './out-dir.ts';
import { createBarsReporter, createPlainReporter } from './progress-reporter.ts';
import { readRulesFile } from './read-rules.ts';
import { runBatch } from './run-batch.ts';
import { parseShard, selectShard } from './shard.ts';
import { summaryTable } from './summary-table.ts';
import { UsageError } from './usage-error.ts';

export interface AnalyzeOptions {
  out: string;
  jobs: number;
  /** `i/n`. */
  shard?: string;
  delegate: DelegateChoice;
  /** Path of a rules JSON file. */
  rules?: string;
  force: boolean;
  /** Seconds without a new frame before a file is given up. */
  stallTimeout?: number;
  /** Landmarkers per file (each page's pool); the worker's default (one per core on the CPU) when absent. */
  pool?: number;
}

export interface AnalyzeEnvironment {
  toolVersion: string;
  modelSha256: string;
  launch: (options: { delegate: DelegateChoice; rules: unknown; pool?: number; pages?: number }) => Promise<AnalysisBrowser>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Live bars when true, plain lines otherwise. */
  interactive: boolean;
  now?: () => Date;
}

/** Runs the command; resolves to the exit status. */
export async function analyzeCommand(paths: readonly string[], options: AnalyzeOptions, env: AnalyzeEnvironment): Promise<number> {
  const say = (line: string) => env.stderr.write(line + '\n');
  try {
    const all = await collectInputs(paths);
    const shard = options.shard === undefined ? null : parseShard(options.shard);
    const inputs = shard ? selectShard(all, shard) : all;
    if (shard) say(`shard ${shard.index}/${shard.count}: ${inputs.length} of ${all.length} files`);
    const rules = options.rules === undefined ? null : await readRulesFile(options.rules);
    if (inputs.length === 0) return EXIT_OK;
    const lock = await claimOutDir(options.out);
    try {
      return await runAll(inputs, rules, options, env);
    } finally {
      lock.release();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      say(`error: ${error.message}`);
      return EXIT_SETUP_FAILED;
    }
    throw error;
  }
}

async function runAll(inputs: InputFile[], rules: unknown, options: AnalyzeOptions, env: AnalyzeEnvironment): Promise<number> {
  const say = (line: string) => env.stderr.write(line + '\n');
  const configuration = { delegate: options.delegate, rules, rulesFile: options.rules ?? null };
  const result = await runBatch({
    inputs,
    outDir: options.out,
    jobs: options.jobs,
    force: options.force,
    context: {
      toolVersion: env.toolVersion,
      modelSha256: env.modelSha256,
      configuration,
      validate: createAnalysisValidator(),
      now: env.now ?? (() => new Date()),
      stallTimeoutMs: (options.stallTimeout ?? CLI_DEFAULTS.stallTimeoutS) * 1000,
    },
    launch: () =>
      env.launch({
        delegate: options.delegate,
        rules: rules ?? undefined,
        pages: options.jobs,
        ...(options.pool !== undefined ? { pool: options.pool } : {}),
      }),
    reporter: env.interactive ? createBarsReporter(env.stderr) : createPlainReporter(env.stderr),
  });

  env.stdout.write(summaryTable(result.reports));
  if (result.setupError !== null) {
    const e = result.setupError;
    say(`error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_SETUP_FAILED;
  }
  if (!result.reports.every((r) => r.status === 'done' || r.status === 'skipped')) return EXIT_FILE_FAILED;
  return result.reports.some((r) => r.status === 'done' && r.summary.warning !== null) ? EXIT_INCOMPLETE : EXIT_OK;
}
