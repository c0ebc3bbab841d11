/**
 * A number with a fixed count of decimals, for CSV cells. Missing values (null, undefined, NaN,
 * ±Infinity) become the empty string, which pandas (`read_csv`) and R (`read.csv`) read as NaN / NA.
 * Negative zero is written as zero so that equal values are equal text.
 */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
