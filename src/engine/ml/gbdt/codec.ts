/**
 * Typed arrays ↔ base64 strings: fitted trees and checkpoints stay JSON-serialisable and exact
 * (raw IEEE-754 bytes, no decimal round trip) and ~3× smaller than number arrays.
 */
type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;
type TypedCtor<T extends Typed> = { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number };

export function encodeArray(a: Typed): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

export function decodeArray<T extends Typed>(text: string, ctor: TypedCtor<T>): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new ctor(copy);
}
