/** The command-line grammar (commander). Behaviour lives in analyze-command.ts. */
import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { launchAnalysisBrowser } from '../node/analysis-runner.ts';
import { BUNDLED, CHROMIUM_ENV } from '../node/chromium.ts';
import { MODEL } from '../shared/model.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { analyzeCommand, type AnalyzeOptions } from './analyze-command.ts';
import { CLI_DEFAULTS, EXIT_SETUP_FAILED } from './cli-defaults.ts';
import { WORKER_DEFAULTS } from '../../workers/landmarker/defaults.ts';

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** A whole number from 1 (or `min`) to `max`, with why the bound is there. */
function boundedInteger(max: number, why: string, min = 1): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (min === 0 && n === 0) return 0;
    positiveInteger(text);
    if (n > max) throw new InvalidArgumentError(`at most ${max}: ${why}`);
    return n;
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The program; `onExit` receives the command's exit status. Commander's own exits (usage errors,
 * --help, --version) are thrown as CommanderError (exitOverride), for the caller to map.
 */
/** The most pages worth running at once here (docs/research-mode.md: two per core still gain). */
export function maxJobs(): number {
  return CLI_DEFAULTS.maxJobsPerCore * availableParallelism();
}

export function createProgram(onExit: (status: number) => void): Command {
  const program = new Command('microflash')
    .description('Facial micro-expression detection. Research mode: analyse video files frame by frame.')
    .version(packageJson.version)
    .exitOverride();

  program
    .command('analyze')
    .description(
      'Analyse every frame of video files; writes <stem>.frames.csv, <stem>.events.csv, <stem>.json and <stem>.vtt per file. ' +
        `Folders are scanned recursively for ${CLI_DEFAULTS.videoExtensions.join(' ')}.`,
    )
    .argument('<paths...>', 'video files and/or folders')
    .requiredOption('-o, --out <dir>', 'output folder (created if missing)')
    .option(
      '-j, --jobs <n>',
      'files analysed in parallel, one headless page each',
      boundedInteger(maxJobs(), `each page runs its own model; this machine has ${availableParallelism()} cores`),
      CLI_DEFAULTS.jobs,
    )
    .option(
      '--pool <n>',
      "landmarkers per file, each in its own worker (default 0: the page's own model; on the CPU one per core, up to 4, is fastest)",
      boundedInteger(WORKER_DEFAULTS.maxPool, 'more landmarkers than that only share the same cores', 0),
    )
    .option('--shard <i/n>', 'analyse only shard i of n (1-based) of the sorted input list, for cluster job arrays')
    .addOption(new Option('--delegate <delegate>', 'MediaPipe delegate').choices(['auto', 'CPU', 'GPU']).default(CLI_DEFAULTS.delegate))
    .option('--rules <file.json>', 'your own flash rules (checked before anything runs)')
    .option('--force', 'analyse again even when complete outputs exist', false)
    .option(
      '--stall-timeout <seconds>',
      'give a file up after this long without a new frame',
      boundedInteger(CLI_DEFAULTS.stallTimeoutMaxS, 'a day without a frame is a stopped page'),
      CLI_DEFAULTS.stallTimeoutS,
    )
    .option(
      '--chromium <path>',
      `Chromium or Chrome to run, or "${BUNDLED}" for the one that comes with the package (default: $${CHROMIUM_ENV}, then Chrome or Chromium on PATH, then the bundled one)`,
    )
    .exitOverride()
    .action(async (paths: string[], options: AnalyzeOptions & { chromium?: string }) => {
      if (options.chromium) {
        if (options.chromium !== BUNDLED && !isExecutable(options.chromium)) {
          process.stderr.write(`error: --chromium ${options.chromium}: not an executable file\n`);
          onExit(EXIT_SETUP_FAILED);
          return;
        }
        process.env[CHROMIUM_ENV] = options.chromium;
      }
      const status = await analyzeCommand(paths, options, {
        toolVersion: packageJson.version,
        modelSha256: MODEL.sha256,
        launch: (o) => launchAnalysisBrowser(o),
        stdout: process.stdout,
        stderr: process.stderr,
        interactive: Boolean(process.stderr.isTTY),
      });
      onExit(status);
    });
  return program;
}
