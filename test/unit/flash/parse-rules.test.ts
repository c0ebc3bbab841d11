/** Rules validation: every kind of mistake gets a message with path, expected, got and a fix. */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { FLASH_KINDS, RulesError } from '../../../src/shared/contract/index.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import { parseRules } from '../../../src/shared/flash/rules/parse-rules.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests edit the rules document freely, to break it in every way
const fresh = () => JSON.parse(JSON.stringify(defaultRules())) as Record<string, any>;

function problemsOf(doc: unknown): string {
  try {
    parseRules(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(RulesError);
    return (error as RulesError).message;
  }
  throw new Error('expected parseRules to throw');
}

describe('default rules', () => {
  it('parse, with a rule for every kind', () => {
    const rules = defaultRules();
    expect([...new Set(rules.rules.map((r) => r.kind))].sort()).toEqual([...FLASH_KINDS].sort());
  });

  it('validate against the shipped schema with plain ajv (what researchers will use)', () => {
    const dir = new URL('../../../src/shared/flash/rules/', import.meta.url);
    const schema = JSON.parse(readFileSync(new URL('rules.schema.json', dir), 'utf8')) as object;
    const doc = JSON.parse(readFileSync(new URL('default-rules.json', dir), 'utf8')) as unknown;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('parseRules returns a copy the caller cannot change afterwards', () => {
    const doc = fresh();
    const rules = parseRules(doc);
    doc.rules[0].allOf[0].min = 4;
    expect((rules.rules[0] as { allOf: { min: number }[] }).allOf[0]!.min).not.toBe(4);
  });
});

describe('schema problems', () => {
  it('a missing field says which and gives an example', () => {
    const doc = fresh();
    delete doc.rules[1].threshold;
    expect(problemsOf(doc)).toContain(
      'rules[1].threshold: expected a value (required field), got nothing. Add "threshold": { "on": 1.0, "off": 0.5 }.',
    );
  });

  it('an unknown AU lists the known ones and suggests the right spelling', () => {
    const doc = fresh();
    doc.rules[0].allOf[0].au = 'AU4';
    const message = problemsOf(doc);
    expect(message).toContain('rules[0].allOf[0].au: expected one of "AU01", "AU02", "AU04"');
    expect(message).toContain('got "AU4". Did you mean "AU04"?');
  });

  it('an AU the estimator does not score is rejected', () => {
    const doc = fresh();
    doc.rules[0].exclude[0].au = 'AU28';
    expect(problemsOf(doc)).toContain('rules[0].exclude[0].au: expected one of');
  });

  it('an unknown field names the known fields and the likely intended one', () => {
    const doc = fresh();
    doc.rules[2].tresholds = 1;
    expect(problemsOf(doc)).toMatch(
      /rules\[2\]\.tresholds: expected one of the fields kind, group, .*got unknown field "tresholds"\. Did you mean "threshold"\?/,
    );
  });

  it('a wrong type and an out-of-range number', () => {
    const doc = fresh();
    doc.rules[0].allOf[0].min = 'high';
    doc.rules[3].allOf[0].min = 7;
    const message = problemsOf(doc);
    expect(message).toContain('rules[0].allOf[0].min: expected a value of type number, got "high"');
    expect(message).toContain('rules[3].allOf[0].min: expected a number <= 5, got 7');
  });

  it('an unknown kind and a wrong format marker', () => {
    const doc = fresh();
    doc.rules[0].kind = 'contempt';
    doc.format = 'rules';
    const message = problemsOf(doc);
    expect(message).toContain('rules[0].kind: expected one of "anger"');
    expect(message).toContain('format: expected "microflash-rules", got "rules". Set it to "microflash-rules".');
  });

  it('not an object at all', () => {
    expect(problemsOf(null)).toContain('(root): expected a value of type object, got null');
  });

  it('lists every problem at once, counted', () => {
    const doc = fresh();
    delete doc.rules[0].durationMs;
    doc.rules[1].allOf[0].au = 'AU99';
    doc.rules[2].threshold.on = -1;
    expect(problemsOf(doc)).toMatch(/^Invalid rules \(3 problems\):\n {2}- /);
  });
});

describe('checks beyond the schema', () => {
  it('on below off (no hysteresis)', () => {
    const doc = fresh();
    doc.rules[0].threshold = { on: 0.4, off: 0.6 };
    expect(problemsOf(doc)).toContain('rules[0].threshold.on: expected a number >= threshold.off (0.6), got 0.4. Raise on or lower off');
  });

  it('minMs above maxMs', () => {
    const doc = fresh();
    doc.rules[0].durationMs = { minMs: 2000, maxMs: 1000 };
    expect(problemsOf(doc)).toContain('rules[0].durationMs.minMs: expected a number <= durationMs.maxMs (1000), got 2000');
  });

  it('an AU required in allOf and excluded at or below its min (an empty band)', () => {
    const doc = fresh();
    doc.rules[0].exclude.push({ au: 'AU04', max: 1 });
    expect(problemsOf(doc)).toMatch(
      /rules\[0\]\.exclude\[\d\]\.max: expected a max above the min it is required at \(1\.2 at rules\[0\]\.allOf\[0\]\.au\), so that the band is not empty, got 1\. Raise the max above 1\.2/,
    );
  });

  it('an AU required in allOf and excluded above its min is a band, and valid', () => {
    const doc = fresh();
    doc.rules[0].exclude.push({ au: 'AU04', max: 3 });
    expect(() => parseRules(doc)).not.toThrow();
  });

  it('an alternative of anyOf cannot also be excluded', () => {
    const doc = fresh();
    const rule = doc.rules.find((r: { anyOf?: unknown[] }) => r.anyOf);
    const at = doc.rules.indexOf(rule);
    const alt = rule.anyOf[0][0].au;
    rule.exclude.push({ au: alt, max: 4 });
    expect(problemsOf(doc)).toMatch(
      new RegExp(
        `rules\\[${at}\\]\\.exclude\\[\\d\\]\\.au: expected an AU the rule does not require, or one required in allOf \\(${alt} is one of the alternatives at rules\\[${at}\\]\\.anyOf\\[0\\]\\[0\\]\\.au\\)`,
      ),
    );
  });

  it('a rule that requires nothing', () => {
    const doc = fresh();
    doc.rules[0].allOf = [];
    expect(problemsOf(doc)).toContain('rules[0].allOf: expected at least one required AU in allOf or anyOf, got []');
  });

  it('dissociation must be a gaze rule and only dissociation may be one', () => {
    const doc = fresh();
    const gazeRule = doc.rules.find((r: { kind: string }) => r.kind === 'dissociation');
    gazeRule.kind = 'fear';
    expect(problemsOf(doc)).toContain('.signal: expected "aus" for a facial expression (only dissociation is a gaze state)');
  });

  it('side options that do not fit', () => {
    const doc = fresh();
    doc.rules[0].sides = 'unilateral';
    doc.rules[0].allOf = [{ au: 'AU09', min: 1 }];
    doc.rules[0].exclude = [];
    doc.rules[1].lateralTiming = { minLagMs: 50 };
    const message = problemsOf(doc);
    expect(message).toContain('rules[0].sides: expected "any" for a rule whose required AUs are not scored per side');
    expect(message).toContain('rules[1].lateralTiming: expected lateralTiming only with "sides": "unilateral"');
  });

  it('an AU group mixing AU and gaze rules', () => {
    const doc = fresh();
    doc.rules[0].group = 'gaze';
    expect(problemsOf(doc)).toContain('expected a group whose rules all use signal');
  });
});
