/**
 * Bounds how many Twilio requests run at once. Twilio limits REST concurrency per account and
 * answers 429 (20429) beyond it, so the project keeps its own bound well below: one limiter
 * per process and limit, shared by every client the factory makes (the Pulumi provider runs
 * all resources of a deployment in one process).
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`concurrency limit must be a whole number of at least 1, got ${limit}`);
    }
  }

  /** Requests running now. */
  get active(): number {
    return this.running;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running -= 1;
  }
}

export const DEFAULT_MAX_CONCURRENCY = 8;

const shared = new Map<number, ConcurrencyLimiter>();

/** The process-wide limiter for a limit. */
export function sharedLimiter(limit: number): ConcurrencyLimiter {
  let limiter = shared.get(limit);
  if (!limiter) {
    limiter = new ConcurrencyLimiter(limit);
    shared.set(limit, limiter);
  }
  return limiter;
}
