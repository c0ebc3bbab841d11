/** The analysis JSON schema compiled once per run, for checking what is written and what is resumed. */
import { Ajv } from 'ajv';
import { ANALYSIS_SCHEMA as schema, type AnalysisDocument } from '../shared/export/index.ts';

export interface AnalysisValidator {
  (value: unknown): value is AnalysisDocument;
  /** Why the last value did not validate, one line. */
  errorsText(): string;
}

/** `date-time` is checked by the schema's own pattern; ajv only needs to know the format name. */
export function createAnalysisValidator(): AnalysisValidator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('date-time', true);
  const validate = ajv.compile<AnalysisDocument>(schema);
  return Object.assign((value: unknown): value is AnalysisDocument => validate(value), {
    errorsText: () => ajv.errorsText(validate.errors),
  });
}
