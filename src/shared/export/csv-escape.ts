import { EXPORT_DEFAULTS } from './export-defaults.ts';

/** Characters that force a CSV field into quotes (RFC 4180 section 2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break, with inner
 * quotes doubled. Leading/trailing spaces are kept as they are (RFC 4180 treats them as data).
 */
export function csvEscape(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** One CSV record, line ending included. */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvEscape).join(',') + EXPORT_DEFAULTS.csvNewline;
}
