/**
 * Moves typed arrays out of a JSON-able value into little-endian binary files and back, so
 * large fitted state (trees, neighbours, coefficients) is stored compactly and exactly. Numbers
 * JSON cannot hold (NaN, ±Infinity) are tagged instead of silently becoming null.
 */

export type ArrayDtype = 'float64' | 'float32' | 'int32' | 'uint32' | 'int16' | 'uint16' | 'int8' | 'uint8';
type AnyTypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

const CONSTRUCTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
} as const;

const SETTERS: Record<ArrayDtype, (view: DataView, offset: number, value: number) => void> = {
  float64: (v, o, x) => v.setFloat64(o, x, true),
  float32: (v, o, x) => v.setFloat32(o, x, true),
  int32: (v, o, x) => v.setInt32(o, x, true),
  uint32: (v, o, x) => v.setUint32(o, x, true),
  int16: (v, o, x) => v.setInt16(o, x, true),
  uint16: (v, o, x) => v.setUint16(o, x, true),
  int8: (v, o, x) => v.setInt8(o, x),
  uint8: (v, o, x) => v.setUint8(o, x),
};

const GETTERS: Record<ArrayDtype, (view: DataView, offset: number) => number> = {
  float64: (v, o) => v.getFloat64(o, true),
  float32: (v, o) => v.getFloat32(o, true),
  int32: (v, o) => v.getInt32(o, true),
  uint32: (v, o) => v.getUint32(o, true),
  int16: (v, o) => v.getInt16(o, true),
  uint16: (v, o) => v.getUint16(o, true),
  int8: (v, o) => v.getInt8(o),
  uint8: (v, o) => v.getUint8(o),
};

export interface ArrayRef {
  readonly $array: ArrayDtype;
  readonly file: string;
  readonly length: number;
}

function dtypeOf(value: unknown): ArrayDtype | undefined {
  for (const [dtype, ctor] of Object.entries(CONSTRUCTORS)) if (value instanceof ctor) return dtype as ArrayDtype;
  return undefined;
}

export function toLittleEndian(array: AnyTypedArray, dtype: ArrayDtype): Uint8Array {
  const bytes = new Uint8Array(array.byteLength);
  const view = new DataView(bytes.buffer);
  const set = SETTERS[dtype];
  const size = array.BYTES_PER_ELEMENT;
  for (let i = 0; i < array.length; i++) set(view, i * size, array[i]);
  return bytes;
}

export function fromLittleEndian(bytes: Uint8Array, dtype: ArrayDtype, length: number): AnyTypedArray {
  const out = new CONSTRUCTORS[dtype](length);
  if (bytes.byteLength !== length * out.BYTES_PER_ELEMENT) throw new RangeError(`expected ${length * out.BYTES_PER_ELEMENT} bytes, got ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const get = GETTERS[dtype];
  for (let i = 0; i < length; i++) out[i] = get(view, i * out.BYTES_PER_ELEMENT);
  return out;
}

/** Replaces typed arrays by refs, collecting their bytes under `prefix` + path-derived names. */
export function extractArrays(value: unknown, files: Map<string, Uint8Array>, prefix: string, path = 'root'): unknown {
  const dtype = dtypeOf(value);
  if (dtype) {
    const array = value as AnyTypedArray;
    let name = `${prefix}${path.replace(/[^A-Za-z0-9_.-]/g, '_')}.bin`;
    for (let n = 2; files.has(name); n++) name = `${prefix}${path.replace(/[^A-Za-z0-9_.-]/g, '_')}-${n}.bin`;
    files.set(name, toLittleEndian(array, dtype));
    const ref: ArrayRef = { $array: dtype, file: name, length: array.length };
    return ref;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $number: String(value) };
  if (Array.isArray(value)) return value.map((v, i) => extractArrays(v, files, prefix, `${path}.${i}`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = extractArrays(v, files, prefix, path === 'root' ? k : `${path}.${k}`);
    return out;
  }
  return value;
}

/** Inverse of extractArrays; `read` returns a file's bytes (or throws naming it). */
export function restoreArrays(value: unknown, read: (file: string) => Uint8Array): unknown {
  if (Array.isArray(value)) return value.map((v) => restoreArrays(v, read));
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$array === 'string' && typeof record.file === 'string' && typeof record.length === 'number') {
      if (!(record.$array in CONSTRUCTORS)) throw new RangeError(`unknown array dtype ${record.$array}`);
      return fromLittleEndian(read(record.file), record.$array as ArrayDtype, record.length);
    }
    if (typeof record.$number === 'string' && Object.keys(record).length === 1) return Number(record.$number);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = restoreArrays(v, read);
    return out;
  }
  return value;
}
