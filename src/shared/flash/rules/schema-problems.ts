/**
 * Turns ajv's schema errors into RuleProblems that say where, what was expected, what was found
 * and how to fix it.
 */
import schema from './rules.schema.json';
import type { SchemaError } from './validate-rules-schema.generated.js';
import type { RuleProblem } from '../../contract/index.ts';

/** Examples shown when a required field is missing. */
const FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  format: '"format": "microflash-rules"',
  version: '"version": 1',
  rules: '"rules": [ ... ]',
  kind: '"kind": "anger"',
  group: '"group": "brows_down"',
  signal: '"signal": "aus" (or "gaze" for dissociation)',
  allOf: '"allOf": [{ "au": "AU04", "min": 1.0 }]',
  threshold: '"threshold": { "on": 1.0, "off": 0.5 }',
  durationMs: '"durationMs": { "minMs": 0, "maxMs": 15000 }',
  on: '"on": 1.0',
  off: '"off": 0.5',
  minMs: '"minMs": 0',
  maxMs: '"maxMs": 15000',
  au: '"au": "AU04"',
  min: '"min": 1.0',
  max: '"max": 1.0',
  gaze: '"gaze": { "fixationRadius": 0.12, "saccadeRateRatioMax": 0.35, "windowMs": 5000 }',
  minLagMs: '"minLagMs": 67',
};

/** All problems in `data` reported by the validator's `errors` (already filtered of noise). */
export function schemaProblems(errors: readonly SchemaError[], data: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // if/then/else adds a summary error on top of the real ones.
    if (error.keyword === 'if') continue;
    const problem = schemaProblem(error, data);
    const key = `${problem.path}|${problem.expected}|${problem.got}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function schemaProblem(error: SchemaError, data: unknown): RuleProblem {
  const path = readablePath(error.instancePath);
  const value = valueAt(data, error.instancePath);
  const p = error.params;
  switch (error.keyword) {
    case 'required': {
      const field = String(p.missingProperty);
      const example = FIELD_EXAMPLES[field];
      return {
        path: joinPath(path, field),
        expected: 'a value (required field)',
        got: 'nothing',
        fix: example ? `Add ${example}.` : `Add "${field}".`,
      };
    }
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const known = knownFields(error.instancePath, data);
      const near = closest(field, known);
      return {
        path: joinPath(path, field),
        expected: known.length ? `one of the fields ${known.join(', ')}` : 'no further fields',
        got: `unknown field "${field}"`,
        fix: near ? `Did you mean "${near}"? Rename it.` : 'Remove it or fix its name.',
      };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const near = typeof value === 'string' ? suggestEnum(value, allowed) : null;
      return {
        path,
        expected: `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        got: show(value),
        fix: near ? `Did you mean ${JSON.stringify(near)}?` : 'Use one of the listed values.',
      };
    }
    case 'const':
      return {
        path,
        expected: JSON.stringify(p.allowedValue),
        got: show(value),
        fix: `Set it to ${JSON.stringify(p.allowedValue)}.`,
      };
    case 'type':
      return { path, expected: `a value of type ${String(p.type)}`, got: show(value), fix: `Write it as ${article(String(p.type))}.` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[error.keyword];
      return { path, expected: `a number ${op} ${String(p.limit)}`, got: show(value), fix: 'Bring the number into range.' };
    }
    case 'minItems':
      return { path, expected: `at least ${String(p.limit)} item(s)`, got: show(value), fix: 'Add the missing items.' };
    case 'pattern':
      return {
        path,
        expected: `text matching ${String(p.pattern)}`,
        got: show(value),
        fix: 'Use lower-case letters, digits, "_" or "-", starting with a letter.',
      };
    default:
      return { path, expected: error.message ?? error.keyword, got: show(value), fix: 'See rules.schema.json.' };
  }
}

/** `/rules/2/allOf/0/au` -> `rules[2].allOf[0].au`; the root is `(root)`. */
export function readablePath(pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out;
}

function joinPath(path: string, field: string): string {
  return path === '(root)' ? field : `${path}.${field}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Field names the schema allows in the object at this pointer (by where the object sits). */
function knownFields(pointer: string, data: unknown): string[] {
  const defs = schema.definitions;
  const named = pointer.split('/').filter((part) => part !== '' && !/^\d+$/.test(part));
  const last = named[named.length - 1];
  let node: { properties?: object } | undefined;
  if (last === undefined) node = schema;
  else if (last === 'rules') {
    const signal = (valueAt(data, pointer) as { signal?: unknown } | undefined)?.signal;
    node = signal === 'gaze' ? defs.gazeRule : defs.auRule;
  } else if (last === 'allOf' || last === 'anyOf' || last === 'support') node = defs.requiredTerm;
  else if (last === 'exclude') node = defs.excludedTerm;
  else if (last === 'threshold') node = defs.threshold;
  else if (last === 'durationMs') node = defs.duration;
  else if (last === 'confidence') node = defs.confidenceWeights;
  else if (last === 'gaze') node = defs.gazeRule.properties.gaze;
  else if (last === 'asymmetry') node = defs.auRule.properties.asymmetry;
  else if (last === 'lateralTiming') node = defs.auRule.properties.lateralTiming;
  return node?.properties ? Object.keys(node.properties) : [];
}

/** For AU ids, `AU4` -> `AU04`; otherwise the nearest allowed string within edit distance 2. */
function suggestEnum(value: string, allowed: readonly unknown[]): string | null {
  const strings = allowed.filter((v): v is string => typeof v === 'string');
  const au = /^au?(\d{1,2})$/i.exec(value.trim());
  if (au?.[1]) {
    const padded = `AU${au[1].padStart(2, '0')}`;
    if (strings.includes(padded)) return padded;
  }
  return closest(value, strings);
}

function closest(value: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const option of options) {
    const d = editDistance(value.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
