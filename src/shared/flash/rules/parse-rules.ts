/**
 * Reads a rules document (the built-in one or a researcher's), checks it against rules.schema.json
 * and the checks the schema cannot express, and returns it typed. Throws RulesError listing every
 * problem (path, expected, got, fix). Pure; DOM-free; no code generation at run time (the schema
 * validator is ajv's standalone output, so it runs under a CSP without 'unsafe-eval').
 */
import { type Rules, RulesError } from '../../contract/index.ts';
import { schemaProblems } from './schema-problems.ts';
import { semanticProblems } from './semantic-problems.ts';
import { validate } from './validate-rules-schema.generated.js';

export function parseRules(json: unknown): Rules {
  if (!validate(json)) {
    throw new RulesError(schemaProblems(validate.errors ?? [], json));
  }
  // A private copy: later edits to the caller's object cannot change a running engine's rules.
  const rules = JSON.parse(JSON.stringify(json)) as Rules;
  const problems = semanticProblems(rules);
  if (problems.length > 0) throw new RulesError(problems);
  return rules;
}
