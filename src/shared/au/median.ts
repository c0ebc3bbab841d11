/**
 * Column medians of the first `rows` rows of a row-major table with `cols` columns, into `out`.
 * Allocates one scratch column: called once per calibration, not per frame. NaN where rows = 0.
 */
export function columnMedians(table: Float64Array, rows: number, cols: number, out: Float64Array): void {
  const col = new Float64Array(rows);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) col[r] = table[r * cols + c]!;
    col.sort();
    const h = rows >> 1;
    out[c] = rows === 0 ? NaN : rows % 2 ? col[h]! : (col[h - 1]! + col[h]!) / 2;
  }
}
