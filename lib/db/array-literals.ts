// PostgreSQL array literals ('{"a","b",NULL}') built in one pass over a batch's rows. Handing
// node-pg JavaScript arrays instead costs more than a batch's validation: it escapes every element
// with two regular expressions and formats every Date in local time. Pure code.

const needsEscape = /["\\]/;
const escaped = /["\\]/g;

/** An array literal of text: every element quoted (backslash before " and \), NULL for null. */
export function textArray<Row>(rows: readonly Row[], pick: (row: Row) => string | null | undefined): string {
  let literal = "{";
  for (let index = 0; index < rows.length; index += 1) {
    const value = pick(rows[index]!);
    if (index > 0) literal += ",";
    if (value === null || value === undefined) literal += "NULL";
    else literal += needsEscape.test(value) ? `"${value.replace(escaped, "\\$&")}"` : `"${value}"`;
  }
  return `${literal}}`;
}

/**
 * An array literal of values that never need quoting: UUIDs and enum labels already checked,
 * numbers, ISO timestamps. NULL for null.
 */
export function plainArray<Row>(rows: readonly Row[], pick: (row: Row) => string | number | null | undefined): string {
  let literal = "{";
  for (let index = 0; index < rows.length; index += 1) {
    const value = pick(rows[index]!);
    if (index > 0) literal += ",";
    literal += value === null || value === undefined ? "NULL" : String(value);
  }
  return `${literal}}`;
}
