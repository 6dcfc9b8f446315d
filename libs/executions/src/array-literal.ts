/** A value that never needs quoting inside a PostgreSQL array literal. */
export type PlainArrayValue = string | number | Date | null;

/**
 * The PostgreSQL array literal of uuids, integers, enum values or timestamps (as ISO strings): values
 * with no quotes, commas, braces, backslashes or spaces. By hand because node-postgres formats each
 * element of an array parameter through prepareValue and two regex escapes, and a Date through ten
 * padStart calls: for the grouped commit that was ~12 % of the bytes the API allocated per sync webhook,
 * and the cost of the API's scavenges grows with the square of its allocation rate (the objects of the
 * requests in flight survive them). Never for text a user wrote.
 */
export function plainArray(values: readonly PlainArrayValue[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    literal += value === null || value === undefined ? 'NULL' : value instanceof Date ? value.toISOString() : String(value);
  }
  return literal + '}';
}
