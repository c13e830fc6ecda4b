import type { AddressInfo } from "node:net";

import type { ApiKeyRecord } from "./store";
import type { EmulatorContext, EmulatorSettings } from "./context";
import { FaultInjector } from "./faults";
import { generateInventory } from "./inventory";
import { StateFile } from "./persistence";
import { RequestLog } from "./request-log";
import { ReviewScheduler } from "./review";
import type { EmulatorSeed } from "./seed";
import { applySeed, checkSeed } from "./seed";
import type { ApiExchange, ServerHost } from "./server";
import { createEmulatorServer } from "./server";
import { newAuthToken, newSid } from "./sids";
import type { StateSnapshot } from "./store";
import { EmulatorStore } from "./store";
import { WebhookClient } from "./webhook-client";

export type { ApiExchange } from "./server";
export type { EmulatorSeed, SeedResult } from "./seed";
export type { FaultConfig, FaultRule } from "./faults";
export type { RequestLogEntry } from "./request-log";
export type { ConversationEntry } from "./conversation";
export type { InboundRequest, InboundResult } from "./inbound";
export type { ReviewDecision } from "./review";
export type { StateSnapshot } from "./store";
export { EMULATOR_ERROR_CODES } from "./twilio-error";
export { checkSeed } from "./seed";

/** How to start the emulator. Everything is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) takes any free port. */
  port?: number;
  /** Interface to listen on; "127.0.0.1" by default. */
  host?: string;
  /** The account SID clients authenticate with; a random AC… SID when absent. */
  accountSid?: string;
  /** The auth token clients authenticate with and webhooks are signed with; random when absent. */
  authToken?: string;
  /** API keys (SK… SID and secret) accepted besides the account SID and auth token. */
  apiKeys?: ApiKeyRecord[];
  /** Applied at start and again after every `POST /_emulator/reset`. */
  seed?: EmulatorSeed;
  /** Review verifications automatically after this many seconds (fractions allowed). */
  autoReviewSeconds?: number;
  /** Let toll-free numbers send before their verification is approved (demos). */
  allowUnverifiedSending?: boolean;
  /** Timeout of inbound-SMS webhooks before the fallback URL; 15000 ms as on Twilio. */
  webhookTimeoutMs?: number;
  /** Keep state in this JSON file: loaded at start when it exists, saved on change and close. */
  stateFile?: string;
  /** Called with every Twilio API answer (not test hooks), e.g. to validate bodies. */
  onApiResponse?: (exchange: ApiExchange) => void;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`: the value for `TWILIO_API_BASE_URL`. */
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  /** Stops listening, cancels timers and webhooks, and saves state when a file is set. */
  close(): Promise<void>;
}

/** Twilio waits 15 s for a webhook answer, connect time included (Twilio error 11205). */
const TWILIO_WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * Starts a Twilio emulator: the 2010-04-01 phone number and message endpoints and the
 * messaging v1 toll-free verification endpoints on one origin, with test hooks under
 * `/_emulator/` (see emulator/README.md). Safe to run in-process from a test with port 0.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings: EmulatorSettings = {
    accountSid: options.accountSid ?? newSid("AC"),
    authToken: options.authToken ?? newAuthToken(),
    autoReviewSeconds: options.autoReviewSeconds,
    allowUnverifiedSending: options.allowUnverifiedSending ?? false,
    webhookTimeoutMs: options.webhookTimeoutMs ?? TWILIO_WEBHOOK_TIMEOUT_MS,
  };
  const seed = parseSeed(options.seed);
  const runtime = new Runtime(settings, options, seed);
  const server = createEmulatorServer(runtime.serverHost());
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const { port, address } = server.address() as AddressInfo;
  runtime.origin = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;

  return {
    url: runtime.origin,
    port,
    accountSid: settings.accountSid,
    authToken: settings.authToken,
    close: async () => {
      await runtime.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseSeed(seed: EmulatorSeed | undefined) {
  return seed === undefined ? undefined : checkSeed(seed);
}

function listen(server: ReturnType<typeof createEmulatorServer>, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** The emulator's moving parts, wired together. */
class Runtime {
  origin = "http://127.0.0.1";
  readonly store = new EmulatorStore();
  readonly log = new RequestLog();
  readonly faults = new FaultInjector();
  readonly webhooks: WebhookClient;
  readonly reviews: ReviewScheduler;
  readonly ctx: EmulatorContext;
  private readonly stateFile?: StateFile;
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    settings: EmulatorSettings,
    private readonly options: EmulatorOptions,
    private readonly seed: ReturnType<typeof parseSeed>,
  ) {
    this.webhooks = new WebhookClient(settings.authToken);
    this.reviews = new ReviewScheduler(
      this.store, settings.autoReviewSeconds, () => this.changed(),
    );
    this.ctx = {
      settings,
      store: this.store,
      webhooks: this.webhooks,
      scheduleReview: (sid) => this.reviews.schedule(sid),
      cancelReview: (sid) => this.reviews.cancel(sid),
      later: (work) => this.later(work),
      changed: () => this.changed(),
    };
    if (options.stateFile) {
      this.stateFile = new StateFile(options.stateFile, () => this.store.snapshot());
    }
    const saved = this.stateFile?.load();
    if (saved) this.restore(saved);
    else this.reset();
  }

  serverHost(): ServerHost {
    return {
      ctx: this.ctx,
      log: this.log,
      faults: this.faults,
      reset: () => this.reset(),
      restore: (snapshot) => this.restore(snapshot),
      credentials: () => ({
        accountSid: this.ctx.settings.accountSid,
        authToken: this.ctx.settings.authToken,
        apiKeys: [...(this.options.apiKeys ?? []), ...this.store.apiKeys.values()],
      }),
      fallbackOrigin: () => this.origin,
      onApiResponse: this.options.onApiResponse,
    };
  }

  reset(): void {
    this.reviews.cancelAll();
    this.store.clear();
    this.store.setInventory(generateInventory());
    if (this.seed) applySeed(this.ctx, this.seed);
    this.log.clear();
    this.faults.configure({ rules: [] });
  }

  restore(snapshot: StateSnapshot): void {
    this.reviews.cancelAll();
    this.store.restore(snapshot);
    for (const record of this.store.verifications.values()) {
      if (record.status === "PENDING_REVIEW" || record.status === "IN_REVIEW") {
        this.reviews.schedule(record.sid);
      }
    }
  }

  changed(): void {
    this.stateFile?.schedule();
  }

  later(work: () => void | Promise<void>): void {
    if (this.stopped) return;
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (this.stopped ? undefined : work()))
      .catch((error: unknown) => console.error("twilio emulator: background step failed", error))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reviews.cancelAll();
    this.webhooks.abortAll();
    await Promise.all([...this.pending]);
    this.stateFile?.flush();
  }
}
