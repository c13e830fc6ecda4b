import type { InboundMessage, MessageQueue } from "../core/inbound-message";
import type { HandlerLogger } from "../core/log";

/** A message the queue gave up on, kept for inspection (the local dead-letter queue). */
export interface DeadLetter {
  message: InboundMessage;
  /** How many times the message was handed to the worker. */
  receives: number;
  /** The last failure. */
  reason: string;
  deadLetteredAt: string;
}

/** Options of {@link LocalQueue}. */
export interface LocalQueueOptions {
  /** Deliveries before a message is dead-lettered, like SQS `maxReceiveCount`; defaults to 3. */
  maxReceives?: number;
  /** Pause before the second delivery, doubled before each later one; defaults to 1 s. */
  redeliveryDelayMs?: number;
  /** Messages processed at the same time; defaults to 4. */
  concurrency?: number;
  logger: HandlerLogger;
}

interface Entry {
  message: InboundMessage;
  receives: number;
}

/**
 * The in-process queue of the local runtime, with SQS's semantics where they matter: a failed
 * message is delivered again after a pause and dead-lettered after `maxReceives` deliveries.
 * Known shortcoming: it lives in memory, so messages still queued when the process stops are
 * lost; the AWS runtime uses SQS instead.
 */
export class LocalQueue implements MessageQueue {
  /** Messages that failed every delivery, oldest first. */
  readonly deadLetters: DeadLetter[] = [];
  private readonly ready: Entry[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters: (() => void)[] = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly handle: (message: InboundMessage) => Promise<unknown>,
    private readonly options: LocalQueueOptions,
  ) {}

  async enqueue(message: InboundMessage): Promise<void> {
    if (this.closed) throw new Error("local queue is closed");
    this.ready.push({ message, receives: 0 });
    this.pump();
  }

  /** Resolves once nothing is queued, running or waiting for redelivery. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops redeliveries; messages not yet processed are dropped (see the class comment). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    this.settleIfIdle();
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 4;
    while (!this.closed && this.running < concurrency && this.ready.length > 0) {
      const entry = this.ready.shift() as Entry;
      entry.receives += 1;
      this.running += 1;
      this.handle(entry.message)
        .then(() => undefined, (err: unknown) => this.failed(entry, err))
        .finally(() => {
          this.running -= 1;
          this.pump();
          this.settleIfIdle();
        });
    }
  }

  private failed(entry: Entry, err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    const maxReceives = this.options.maxReceives ?? 3;
    const context = { messageSid: entry.message.messageSid, receives: entry.receives, reason };

    if (entry.receives >= maxReceives) {
      this.deadLetters.push({ message: entry.message, receives: entry.receives, reason,
        deadLetteredAt: new Date().toISOString() });
      this.options.logger.error("message dead-lettered after its last delivery", context);
      return;
    }
    this.options.logger.warn("message processing failed; delivering it again", context);
    this.redeliverLater(entry);
  }

  private redeliverLater(entry: Entry): void {
    if (this.closed) return;
    const delay = (this.options.redeliveryDelayMs ?? 1_000) * 2 ** (entry.receives - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(entry);
      this.pump();
      this.settleIfIdle();
    }, delay);
    this.timers.add(timer);
  }

  private isIdle(): boolean {
    return this.running === 0 && this.ready.length === 0 && this.timers.size === 0;
  }

  private settleIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
