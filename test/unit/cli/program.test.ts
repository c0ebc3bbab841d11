/** The command line's argument bounds: refused before anything runs, with the reason. */
import { availableParallelism } from 'node:os';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram, maxJobs } from '../../../src/cli/program.ts';

async function parse(...args: string[]): Promise<{ error: CommanderError | null; stderr: string }> {
  const program = createProgram(() => undefined);
  let stderr = '';
  for (const cmd of [program, ...program.commands]) cmd.configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => undefined });
  try {
    await program.parseAsync(['node', 'microflash', ...args]);
    return { error: null, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { error: e, stderr };
    throw e;
  }
}

describe('analyze arguments', () => {
  it('--jobs is bounded by the cores: 1000 pages on a small machine is refused, saying why', async () => {
    expect(maxJobs()).toBe(2 * availableParallelism());
    const { error, stderr } = await parse('analyze', 'x.mp4', '-o', 'out', '--jobs', '1000');
    expect(error?.code).toBe('commander.invalidArgument');
    expect(stderr).toMatch(new RegExp(`at most ${maxJobs()}`));
  });

  it('--stall-timeout is bounded (a timer of 99999999 s would overflow and fire at once)', async () => {
    const { error, stderr } = await parse('analyze', 'x.mp4', '-o', 'out', '--stall-timeout', '99999999');
    expect(error?.code).toBe('commander.invalidArgument');
    expect(stderr).toMatch(/at most 86400/);
  });
});
