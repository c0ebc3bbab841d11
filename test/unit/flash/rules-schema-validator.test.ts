/**
 * The rules validator is ajv's standalone code for rules.schema.json, generated ahead of time: the
 * app's Content-Security-Policy has no 'unsafe-eval', so ajv cannot compile schemas in the page or
 * the worker. This test regenerates the code and checks the committed file matches; run it with
 * UPDATE_RULES_VALIDATOR=1 to rewrite the file after changing the schema.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';

const rulesDir = fileURLToPath(new URL('../../../src/shared/flash/rules/', import.meta.url));
const schemaPath = rulesDir + 'rules.schema.json';
const validatorPath = rulesDir + 'validate-rules-schema.generated.js';

const HEADER =
  '// Generated from rules.schema.json by test/unit/flash/rules-schema-validator.test.ts\n' +
  '// (UPDATE_RULES_VALIDATOR=1 npx vitest run --project unit test/unit/flash/rules-schema-validator).\n' +
  '// Do not edit by hand.\n';

function generate(): string {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  return HEADER + standaloneCode(ajv, validate) + '\n';
}

describe('rules schema validator', () => {
  it('is the generated code for the current schema', () => {
    const code = generate();
    if (process.env.UPDATE_RULES_VALIDATOR === '1') writeFileSync(validatorPath, code);
    expect(readFileSync(validatorPath, 'utf8')).toBe(code);
  });
});
