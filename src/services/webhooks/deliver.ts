/**
 * One webhook delivery: POST the JSON body signed with the job's secret, retried with
 * exponential backoff (cockatiel) on network errors, 429 and 5xx; other 4xx answers are final.
 */
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { signBody, SIGNATURE_HEADER } from './signature.ts';

export interface DeliveryOptions {
  readonly maxAttempts?: number;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly timeoutMs?: number;
}

export interface DeliveryResult {
  readonly ok: boolean;
  readonly attempts: number;
  readonly status?: number;
  readonly error?: string;
}

class RetryableDelivery extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export async function deliverWebhook(url: string, secret: string, payload: unknown, deliveryId: string, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const body = JSON.stringify(payload);
  const signature = signBody(secret, body);
  let attempts = 0;
  const policy = retry(
    handleWhen((error) => error instanceof RetryableDelivery),
    {
      maxAttempts: Math.max(0, (options.maxAttempts ?? 6) - 1),
      backoff: new ExponentialBackoff({ initialDelay: options.initialDelayMs ?? 1000, maxDelay: options.maxDelayMs ?? 60_000 }),
    },
  );
  try {
    const status = await policy.execute(async () => {
      attempts++;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, 'x-sma-delivery': deliveryId, 'user-agent': 'sma-webhooks/1' },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new RetryableDelivery(`request failed: ${(error as Error).message}`);
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 429 || response.status >= 500) throw new RetryableDelivery(`receiver answered ${response.status}`, response.status);
      return response.status;
    });
    return { ok: status >= 200 && status < 300, attempts, status };
  } catch (error) {
    return { ok: false, attempts, status: (error as RetryableDelivery).status, error: (error as Error).message };
  }
}
