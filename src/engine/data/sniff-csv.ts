/**
 * Delimiter detection and, when the engine reports trouble, locating the bad record. This only
 * counts delimiters, quotes and line breaks (it never extracts values: parsing is the engine's job).
 */

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Per-record field counts for one delimiter over a sample; the last record may be cut. */
function fieldCounts(sample: Buffer, delimiter: number, maxRecords: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let fields = 1;
  let empty = true;
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const c = sample[i];
    if (inQuotes) {
      if (c === QUOTE) inQuotes = false;
      continue;
    }
    if (c === QUOTE) {
      inQuotes = true;
      empty = false;
    } else if (c === delimiter) {
      fields++;
      empty = false;
    } else if (c === LF) {
      if (!empty) counts.push(fields);
      fields = 1;
      empty = true;
    } else if (c !== CR && c !== 0x20) {
      empty = false;
    }
  }
  return counts;
}

/**
 * The delimiter whose field count is the same on most sampled records (and more than one field);
 * ties go to the caller's preference (tab for .tsv), then to the order of DELIMITER_CANDIDATES.
 */
export function sniffDelimiter(bytes: Buffer, preferred?: string): string {
  const sample = bytes.subarray(0, 256 * 1024);
  // Drop a last record that may be cut (the sample may be only the head of the file).
  const lastLf = sample.lastIndexOf(LF);
  const body = lastLf > 0 && lastLf < sample.length - 1 ? sample.subarray(0, lastLf + 1) : sample;
  const withNewline = body[body.length - 1] === LF ? body : Buffer.concat([body, Buffer.from('\n')]);
  let best = preferred ?? ',';
  let bestScore = -1;
  const order = preferred === undefined ? DELIMITER_CANDIDATES : [preferred, ...DELIMITER_CANDIDATES.filter((d) => d !== preferred)];
  for (const d of order) {
    const counts = fieldCounts(withNewline, d.charCodeAt(0), 200);
    if (counts.length === 0) continue;
    const header = counts[0];
    if (header < 2) continue;
    const agree = counts.filter((c) => c === header).length / counts.length;
    // The extension's delimiter (tab for .tsv) wins whenever it is consistent on its own.
    if (d === preferred && agree >= 0.9) return d;
    const score = agree * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Number of fields in the header record (the first non-blank record). */
export function headerFieldCount(bytes: Buffer, delimiter: string): number {
  const counts = fieldCounts(bytes.subarray(0, 1024 * 1024), delimiter.charCodeAt(0), 1);
  return counts[0] ?? 0;
}

export interface StructureProblem {
  readonly kind: 'ragged' | 'unterminated_quote';
  /** 1-based physical line in the file where the record starts. */
  readonly line: number;
  /** 1-based data row (the header is row 0). */
  readonly row: number;
  /** 1-based column where the record deviates (first extra/missing field). */
  readonly column: number;
  readonly expected: number;
  readonly found: number;
}

/** Full scan for the first record whose field count differs from the header's. */
export function findStructureProblem(bytes: Buffer, delimiter: string): StructureProblem | undefined {
  const d = delimiter.charCodeAt(0);
  let inQuotes = false;
  let fields = 1;
  let empty = true;
  let line = 1;
  let recordLine = 1;
  let row = -1;
  let expected = -1;
  const n = bytes.length;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? LF : bytes[i];
    if (inQuotes && i < n) {
      if (c === QUOTE) inQuotes = false;
      else if (c === LF) line++;
      continue;
    }
    if (c === QUOTE) {
      inQuotes = true;
      empty = false;
    } else if (c === d) {
      fields++;
      empty = false;
    } else if (c === LF) {
      if (inQuotes) {
        return { kind: 'unterminated_quote', line: recordLine, row: Math.max(row + 1, 0), column: fields, expected: Math.max(expected, 0), found: fields };
      }
      if (!empty) {
        row++;
        if (expected < 0) expected = fields;
        else if (fields !== expected) {
          const column = fields > expected ? expected + 1 : fields + 1;
          return { kind: 'ragged', line: recordLine, row, column, expected, found: fields };
        }
      }
      line++;
      recordLine = line;
      fields = 1;
      empty = true;
    } else if (c !== CR && c !== 0x20) {
      empty = false;
    }
  }
  return undefined;
}
