/** One thing wrong with a rules document: where, what was expected, what was found, and the fix. */
export interface RuleProblem {
  /** Where, as a readable path: `rules[2].allOf[0].au`. */
  path: string;
  expected: string;
  /** What was found, as JSON text (`"AU4"`, `0.4`, `nothing`). */
  got: string;
  /** How to fix it (one sentence). */
  fix: string;
}

/** Thrown by parseRules; `message` lists every problem, one a line. */
export class RulesError extends Error {
  readonly code = 'invalid-rules';

  constructor(readonly problems: readonly RuleProblem[]) {
    super(formatProblems(problems));
    this.name = 'RulesError';
  }
}

/** `Invalid rules (2 problems):\n  - rules[0].allOf[0].au: expected ..., got "AU4". Fix ...` */
export function formatProblems(problems: readonly RuleProblem[]): string {
  const head = `Invalid rules (${problems.length} problem${problems.length === 1 ? '' : 's'}):`;
  const lines = problems.map((p) => `  - ${p.path}: expected ${p.expected}, got ${p.got}. ${p.fix}`);
  return [head, ...lines].join('\n');
}
