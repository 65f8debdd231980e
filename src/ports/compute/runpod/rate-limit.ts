/** A sliding-window limiter: at most `limit` acquisitions per `windowMs` (RunPod: 100/min). */
export class RateLimiter {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when one more request may go out. */
  async acquire(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.stamps.length > 0 && t - this.stamps[0] >= this.windowMs) this.stamps.shift();
      if (this.stamps.length < this.limit) {
        this.stamps.push(t);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.stamps[0] + this.windowMs - t + 1));
    }
  }

  /** Requests that could go out right now. */
  available(): number {
    const t = this.now();
    return this.limit - this.stamps.filter((s) => t - s < this.windowMs).length;
  }
}
