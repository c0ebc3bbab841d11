/** Entry point of `microflash` (bin/microflash.js) and `npm run analyze`. */
import { CommanderError } from 'commander';
import { EXIT_SETUP_FAILED } from './cli-defaults.ts';
import { createProgram } from './program.ts';

/** Exit status of an unexpected failure (a bug: its stack trace is printed). */
const EXIT_INTERNAL = 70;

// Ctrl-C: exit (130) through the process's exit handlers, which release the output folder's lock;
// the analysis pages are closed by their launcher's own handlers.
process.once('SIGINT', () => process.exit(130));

let status = 0;
try {
  await createProgram((s) => {
    status = s;
  }).parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) status = error.exitCode === 0 ? 0 : EXIT_SETUP_FAILED;
  else {
    console.error(error);
    status = EXIT_INTERNAL;
  }
}
process.exitCode = status;
