/** The built-in rules (default-rules.json), checked. */
import defaultRulesJson from './default-rules.json';
import { parseRules } from './parse-rules.ts';
import type { Rules } from '../../contract/index.ts';

/** A fresh, checked copy of the built-in rules on every call. */
export function defaultRules(): Rules {
  return parseRules(defaultRulesJson);
}
