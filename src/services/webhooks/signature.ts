/**
 * Webhook signatures: `X-SMA-Signature: sha256=<hex>` where hex = HMAC-SHA256(secret, raw body).
 * The secret is per job: the caller sends `callback_secret` with `callback_url`, or the API
 * generates one and returns it once in the submit response. Receivers recompute the HMAC over
 * the exact bytes received and compare in constant time (see verifySignature).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-sma-signature';

export function signBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifySignature(secret: string, body: string | Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
