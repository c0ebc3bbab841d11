/**
 * Checks a schema-valid rules document for what JSON Schema cannot say: hysteresis order, duration
 * order, rules that require nothing, an AU both required and excluded (but for a band: required in
 * allOf, excluded above a larger max), side options that do not fit, signals that do not fit the kind.
 */
import { AU_LIST, type AuRule, type Rule, type RuleProblem, type Rules } from '../../contract/index.ts';

const SIDED = new Set<string>(AU_LIST.filter((a) => a.sided).map((a) => a.id));

export function semanticProblems(rules: Rules): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const groupSignal = new Map<string, { signal: Rule['signal']; index: number }>();
  rules.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    const { minMs, maxMs } = rule.durationMs;
    if (minMs > maxMs) {
      problems.push({
        path: `${at}.durationMs.minMs`,
        expected: `a number <= durationMs.maxMs (${maxMs})`,
        got: String(minMs),
        fix: 'Lower minMs or raise maxMs: the shortest event cannot be longer than the longest.',
      });
    }
    const previous = groupSignal.get(rule.group);
    if (previous && previous.signal !== rule.signal) {
      problems.push({
        path: `${at}.group`,
        expected: `a group whose rules all use signal "${previous.signal}" (as rules[${previous.index}] does)`,
        got: JSON.stringify(rule.group),
        fix: 'Give gaze rules and AU rules different groups.',
      });
    } else if (!previous) {
      groupSignal.set(rule.group, { signal: rule.signal, index: i });
    }
    if (rule.signal === 'gaze') {
      if (rule.kind !== 'dissociation') {
        problems.push({
          path: `${at}.signal`,
          expected: '"aus" for a facial expression (only dissociation is a gaze state)',
          got: '"gaze"',
          fix: `Use "signal": "aus" with allOf/anyOf for ${rule.kind}.`,
        });
      }
      return;
    }
    if (rule.kind === 'dissociation') {
      problems.push({
        path: `${at}.signal`,
        expected: '"gaze" (dissociation is a gaze state, not a set of AUs)',
        got: '"aus"',
        fix: 'Use "signal": "gaze" with a "gaze" block.',
      });
    }
    problems.push(...auRuleProblems(rule, at));
  });
  return problems;
}

function auRuleProblems(rule: AuRule, at: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const { on, off } = rule.threshold;
  if (on < off) {
    problems.push({
      path: `${at}.threshold.on`,
      expected: `a number >= threshold.off (${off})`,
      got: String(on),
      fix: 'Raise on or lower off: an event starts when the activation reaches on and ends when it falls below off, so on must be at least off.',
    });
  }
  const anyOf = rule.anyOf ?? [];
  if (rule.allOf.length === 0 && anyOf.length === 0) {
    problems.push({
      path: `${at}.allOf`,
      expected: 'at least one required AU in allOf or anyOf',
      got: '[]',
      fix: 'Add the AUs the expression needs, e.g. "allOf": [{ "au": "AU04", "min": 1.0 }].',
    });
  }
  const required = new Map<string, string>();
  const noteRequired = (au: string, path: string) => {
    const first = required.get(au);
    if (first) {
      problems.push({
        path,
        expected: `an AU not already required (${au} is required at ${first})`,
        got: JSON.stringify(au),
        fix: 'List each AU once among allOf and anyOf.',
      });
    } else required.set(au, path);
  };
  for (const [j, t] of rule.allOf.entries()) noteRequired(t.au, `${at}.allOf[${j}].au`);
  for (const [j, g] of anyOf.entries()) for (const [k, t] of g.entries()) noteRequired(t.au, `${at}.anyOf[${j}][${k}].au`);
  // An AU required in allOf may also be excluded above a larger max: a band of intensity (FACS's
  // surprise widens the eyes at B, no more). Anywhere else, required and excluded contradict.
  const bandMin = new Map(rule.allOf.map((t) => [t.au, t.min]));
  (rule.exclude ?? []).forEach((t, j) => {
    const where = required.get(t.au);
    if (!where) return;
    const min = bandMin.get(t.au);
    if (min === undefined) {
      problems.push({
        path: `${at}.exclude[${j}].au`,
        expected: `an AU the rule does not require, or one required in allOf (${t.au} is one of the alternatives at ${where})`,
        got: JSON.stringify(t.au),
        fix: 'Remove it from exclude or from anyOf; to require a band of intensity, list it in allOf with min and in exclude with a larger max.',
      });
    } else if (t.max <= min) {
      problems.push({
        path: `${at}.exclude[${j}].max`,
        expected: `a max above the min it is required at (${min} at ${where}), so that the band is not empty`,
        got: String(t.max),
        fix: `Raise the max above ${min}, or remove ${t.au} from exclude or from allOf.`,
      });
    }
  });
  const sides = rule.sides ?? 'any';
  if (sides !== 'any' && ![...required.keys()].some((au) => SIDED.has(au))) {
    problems.push({
      path: `${at}.sides`,
      expected: `"any" for a rule whose required AUs are not scored per side`,
      got: JSON.stringify(sides),
      fix: `Require a sided AU (${[...SIDED].join(', ')}) or use "sides": "any".`,
    });
  }
  if (rule.asymmetry?.min !== undefined && sides !== 'unilateral') {
    problems.push({
      path: `${at}.asymmetry.min`,
      expected: 'asymmetry.min only with "sides": "unilateral"',
      got: String(rule.asymmetry.min),
      fix: 'Remove asymmetry.min or set "sides": "unilateral".',
    });
  }
  if (rule.asymmetry?.max !== undefined && sides !== 'symmetric') {
    problems.push({
      path: `${at}.asymmetry.max`,
      expected: 'asymmetry.max only with "sides": "symmetric"',
      got: String(rule.asymmetry.max),
      fix: 'Remove asymmetry.max or set "sides": "symmetric".',
    });
  }
  if (rule.lateralTiming && sides !== 'unilateral') {
    problems.push({
      path: `${at}.lateralTiming`,
      expected: 'lateralTiming only with "sides": "unilateral"',
      got: JSON.stringify(rule.lateralTiming),
      fix: 'Remove lateralTiming or set "sides": "unilateral".',
    });
  }
  return problems;
}
