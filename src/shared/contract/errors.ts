/**
 * The one error vocabulary: every code an error of this app carries, wherever it is thrown, and
 * the errors that cross the worker boundary. Messages say what happened and how to fix it; code
 * branches on `code`, never on the message.
 */

/** Every error code, by where it arises. */
export const ERROR_CODES = {
  /** The landmarking worker and the pipeline around it. */
  pipeline: [
    'model-load-failed',
    'webgl-unavailable',
    'webgl-context-lost',
    'unsupported-codec',
    'corrupt-file',
    'no-video-track',
    'no-face',
    'worker-crashed',
    'internal',
  ],
  /** Input that breaks the flash engine's contract. */
  engine: ['timestamp-order', 'bad-frame'],
  /** A rules document that does not validate. */
  rules: ['invalid-rules'],
  /** Opening a camera or a shared window. */
  source: ['camera-denied', 'no-camera', 'camera-busy', 'share-cancelled', 'unsupported', 'unknown'],
  /** The page's own storage. */
  storage: ['storage-full'],
  /** Analysing files from Node (command line, tests, eval). */
  analysis: ['no-browser', 'browser-closed', 'io'],
} as const;

export type ErrorArea = keyof typeof ERROR_CODES;
export type ErrorCodeOf<A extends ErrorArea> = (typeof ERROR_CODES)[A][number];
export type ErrorCode = ErrorCodeOf<ErrorArea>;

const AREA_OF = new Map<string, ErrorArea>(
  (Object.keys(ERROR_CODES) as ErrorArea[]).flatMap((area) => ERROR_CODES[area].map((code) => [code, area] as const)),
);

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && AREA_OF.has(x);
}

/** Whether `code` is one of `area`'s codes. */
export function isCodeOf<A extends ErrorArea>(area: A, code: unknown): code is ErrorCodeOf<A> {
  return typeof code === 'string' && AREA_OF.get(code) === area;
}

/** A failure of the worker or the pipeline; the UI branches on `code`. */
export class PipelineError extends Error {
  constructor(
    readonly code: ErrorCodeOf<'pipeline'>,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

/** Thrown by the flash engine when its input breaks the contract. */
export class FlashEngineError extends Error {
  constructor(
    readonly code: ErrorCodeOf<'engine'>,
    message: string,
  ) {
    super(message);
    this.name = 'FlashEngineError';
  }
}

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
  readonly code = 'invalid-rules' satisfies ErrorCodeOf<'rules'>;

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

/** An error as it crosses a thread or process boundary (structured-clone and JSON safe). */
export interface WireError {
  code: ErrorCode;
  message: string;
  name?: string;
  stack?: string;
  /** A rules error's problems. */
  problems?: RuleProblem[];
}

/** The wire form of an error of this app; null for anything else (a foreign error crosses as it is). */
export function toWireError(e: unknown): WireError | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  if (!isErrorCode(code)) return null;
  const wire: WireError = { code, message: e.message, name: e.name, stack: e.stack };
  if (e instanceof RulesError) wire.problems = [...e.problems];
  return wire;
}

/**
 * The error a wire error was made from, rebuilt by its code: a rules error with its problems, an
 * engine error, a pipeline error; codes of other areas (which the worker does not throw) arrive
 * as a pipeline error 'internal' that keeps their message.
 */
export function fromWireError(w: WireError): Error {
  const err = isCodeOf('rules', w.code)
    ? Object.assign(new RulesError(w.problems ?? []), w.problems ? {} : { message: w.message })
    : isCodeOf('engine', w.code)
      ? new FlashEngineError(w.code, w.message)
      : isCodeOf('pipeline', w.code)
        ? new PipelineError(w.code, w.message)
        : new PipelineError('internal', w.message);
  if (w.stack) err.stack = w.stack;
  return err;
}
