/**
 * Text files arrive as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Latin-1 /
 * Windows-1252 (older Excel exports). The CSV engine only reads UTF-8, so everything is
 * transcoded here; valid UTF-8 without a BOM is passed through without a copy.
 */
import { isUtf8 } from 'node:buffer';
import { DataFileError } from '../../core/errors.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  readonly bytes: Buffer;
  readonly encoding: TextEncoding;
}

export function decodeText(file: string, input: Uint8Array): DecodedText {
  const raw = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let decoded: DecodedText;
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) {
    decoded = { bytes: raw.subarray(3), encoding: 'utf-8-bom' };
    if (!isUtf8(decoded.bytes)) throw invalidUtf8(file, decoded.bytes);
  } else if (raw[0] === 0xff && raw[1] === 0xfe) {
    decoded = { bytes: utf16(file, raw.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  } else if (raw[0] === 0xfe && raw[1] === 0xff) {
    decoded = { bytes: utf16(file, raw.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  } else {
    const guess = guessUtf16(raw);
    if (guess !== undefined) {
      decoded = { bytes: utf16(file, raw, guess), encoding: guess };
    } else if (isUtf8(raw)) {
      decoded = { bytes: raw, encoding: 'utf-8' };
    } else {
      // Any byte sequence is valid Windows-1252, so this never fails; binary files are caught below.
      const text = new TextDecoder('windows-1252').decode(raw);
      decoded = { bytes: Buffer.from(text, 'utf8'), encoding: 'windows-1252' };
    }
  }
  rejectBinary(file, decoded.bytes);
  return decoded;
}

/** UTF-16 without BOM: ASCII-heavy text has a zero byte in every other position. */
function guessUtf16(raw: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(raw.length, 4096) & ~1;
  if (n < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (raw[i] === 0) zeroEven++;
    if (raw[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function utf16(file: string, body: Buffer, encoding: 'utf-16le' | 'utf-16be'): Buffer {
  try {
    return Buffer.from(new TextDecoder(encoding, { fatal: true }).decode(body), 'utf8');
  } catch (cause) {
    throw new DataFileError('ENCODING_ERROR', `${file} starts like ${encoding.toUpperCase()} text but contains invalid ${encoding.toUpperCase()} sequences.`, {
      details: { file, encoding },
      cause,
    });
  }
}

function invalidUtf8(file: string, bytes: Buffer): DataFileError {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  const line = at < 0 ? undefined : countLines(text, at);
  return new DataFileError('ENCODING_ERROR', `${file} has a UTF-8 byte-order mark but invalid UTF-8 bytes${line === undefined ? '' : ` on line ${line}`}.`, {
    details: { file, encoding: 'utf-8', line },
  });
}

/** Text never contains NUL bytes or many control characters; binary files (zip, images…) do. */
function rejectBinary(file: string, bytes: Buffer): void {
  const nul = bytes.indexOf(0);
  let control = 0;
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  }
  if (nul >= 0 || control > n * 0.05) {
    const line = nul >= 0 ? countLines(bytes.toString('latin1', 0, nul), nul) : undefined;
    throw new DataFileError('ENCODING_ERROR', `${file} looks like a binary file, not text${line === undefined ? '' : ` (NUL byte on line ${line})`}.`, {
      details: { file, line, byte_offset: nul >= 0 ? nul : undefined },
      recovery: 'Check that this is the right file; export it as CSV (UTF-8), XLSX, Parquet or JSON.',
    });
  }
}

function countLines(text: string, upTo: number): number {
  let line = 1;
  for (let i = 0; i < upTo && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
