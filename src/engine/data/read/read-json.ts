/**
 * JSON (an array of records, or {columns: [...]}-free plain records) and NDJSON (one record per
 * line) through the polars engine. A malformed line is located with JSON.parse so the error
 * names the line, which the engine does not.
 */
import pl from 'nodejs-polars';
import { DataFileError } from '../../../core/errors.ts';

export function readJson(file: string, text: Buffer, format: 'json' | 'ndjson'): pl.DataFrame {
  const head = text.toString('utf8', 0, Math.min(text.length, 256)).trimStart();
  if (head === '') throw new DataFileError('EMPTY_DATASET', `${file} is empty.`, { details: { file } });
  if (format === 'json' && !head.startsWith('[')) {
    throw new DataFileError('MALFORMED_FILE', `${file}: expected a JSON array of records ([{...}, {...}]).`, {
      details: { file, row: 1, line: 1 },
      recovery: 'Write the table as an array of objects, one object per row, or as NDJSON (one object per line).',
    });
  }
  try {
    return pl.readJSON(text, { format: format === 'ndjson' ? 'lines' : 'json' });
  } catch (cause) {
    const where = format === 'ndjson' ? badNdjsonLine(text) : badJson(text);
    throw new DataFileError('MALFORMED_FILE', `${file} is not valid ${format.toUpperCase()}${where === undefined ? '' : ` (${where.message})`}.`, {
      details: { file, ...(where === undefined ? {} : { row: where.row, line: where.line }) },
      recovery: where === undefined ? 'Check that every row is an object with plain values.' : `Fix line ${where.line}: ${where.message}.`,
      cause,
    });
  }
}

interface JsonProblem {
  readonly line: number;
  readonly row: number;
  readonly message: string;
}

function badNdjsonLine(text: Buffer): JsonProblem | undefined {
  const lines = text.toString('utf8').split('\n');
  let row = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    row++;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { line: i + 1, row, message: 'each line must be one JSON object' };
      }
    } catch (e) {
      return { line: i + 1, row, message: (e as Error).message };
    }
  }
  return undefined;
}

function badJson(text: Buffer): JsonProblem | undefined {
  const source = text.toString('utf8');
  try {
    const value: unknown = JSON.parse(source);
    if (!Array.isArray(value)) return { line: 1, row: 0, message: 'the top level must be an array of objects' };
    const bad = value.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
    return bad >= 0 ? { line: 1, row: bad + 1, message: `element ${bad + 1} is not an object` } : undefined;
  } catch (e) {
    const position = /position (\d+)/.exec((e as Error).message);
    const line = position === null ? 1 : source.slice(0, Number(position[1])).split('\n').length;
    return { line, row: 0, message: (e as Error).message };
  }
}
