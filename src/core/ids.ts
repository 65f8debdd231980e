/**
 * Identifiers: a type prefix + 26 characters of Crockford base32 (48-bit millisecond time, then
 * 80 random bits), so ids sort by creation time and say what they name (`job_01J…`). Within one
 * millisecond the random part is incremented (monotonic, like ULID), so order still holds.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix = 'usr' | 'key' | 'ds' | 'mdl' | 'job' | 'wf' | 'cost' | 'aud' | 'evt';

let lastTime = -1;
const lastRandom = new Uint8Array(16);

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  if (now <= lastTime) {
    // Same (or earlier) millisecond: increment the previous random digits in base 32.
    for (let i = 15; i >= 0; i--) {
      if (lastRandom[i] < 31) {
        lastRandom[i]++;
        break;
      }
      lastRandom[i] = 0;
    }
    now = lastTime;
  } else {
    const bytes = randomBytes(16);
    // Leave headroom in the first digit so increments never overflow.
    for (let i = 0; i < 16; i++) lastRandom[i] = bytes[i] % (i === 0 ? 16 : 32);
    lastTime = now;
  }
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET[lastRandom[i]];
  return `${prefix}_${time}${random}`;
}

export function requestId(): string {
  return randomUUID();
}
