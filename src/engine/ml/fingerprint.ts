/** sha256 of the columns a model was trained on: same data, same fingerprint. */
import { createHash } from 'node:crypto';
import { columnByName, isNumericColumn, type DataFrame } from '../data/frame.ts';

export function fingerprintColumns(frame: DataFrame, names: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`rows:${frame.nRows}\n`);
  for (const name of names) {
    const column = columnByName(frame, name);
    if (!column) continue;
    hash.update(`column:${name}:${column.kind}\n`);
    if (isNumericColumn(column)) {
      hash.update(new Uint8Array(column.values.buffer, column.values.byteOffset, column.values.byteLength));
    } else {
      // hash the strings row by row through the dictionary so re-encoded dictionaries match
      for (let i = 0; i < column.codes.length; i++) {
        const code = column.codes[i];
        hash.update(code < 0 ? '\u0001\n' : `${column.dictionary[code]}\n`);
      }
    }
  }
  return hash.digest('hex');
}
