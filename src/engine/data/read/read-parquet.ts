/** Parquet through the polars engine (columnar to columnar: types come from the file). */
import pl from 'nodejs-polars';
import { DataFileError } from '../../../core/errors.ts';

export function readParquet(file: string, bytes: Buffer): pl.DataFrame {
  try {
    return pl.readParquet(bytes);
  } catch (cause) {
    throw new DataFileError('MALFORMED_FILE', `${file} is not a readable Parquet file: ${String((cause as Error).message ?? cause).split('\n')[0]}`, {
      details: { file },
      recovery: 'Export the file again from its source (it may be truncated or damaged).',
      cause,
    });
  }
}
