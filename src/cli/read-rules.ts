/**
 * `--rules file.json`: a researcher's own rules, read and checked before any browser starts, so a
 * mistake costs one line of output, not a batch.
 */
import { readFile } from 'node:fs/promises';
import { parseRules } from '../shared/flash/index.ts';
import { type Rules, RulesError } from '../shared/contract/index.ts';
import { UsageError } from './usage-error.ts';

/** The checked rules; UsageError says what is wrong (every problem, with its path and fix). */
export async function readRulesFile(file: string): Promise<Rules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--rules ${file}: cannot read it (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--rules ${file}: not valid JSON (${(e as Error).message})`);
  }
  try {
    return parseRules(json);
  } catch (e) {
    if (e instanceof RulesError) throw new UsageError(`--rules ${file}: ${e.message}`);
    throw e;
  }
}
