import type { FormParams } from "./form-params";
import type { EmulatorStore } from "./store";
import type { WebhookClient } from "./webhook-client";

/** Settings fixed when the emulator starts. */
export interface EmulatorSettings {
  accountSid: string;
  authToken: string;
  /** Review verifications automatically after this many seconds; manual review when absent. */
  autoReviewSeconds?: number;
  /** Let toll-free numbers send before their verification is approved (demos only). */
  allowUnverifiedSending: boolean;
  /** How long a webhook may take before the fallback URL is tried (Twilio: 15 s). */
  webhookTimeoutMs: number;
}

/** What a running emulator's handlers share. */
export interface EmulatorContext {
  settings: EmulatorSettings;
  store: EmulatorStore;
  /** Starts automatic review of a verification that just entered PENDING_REVIEW. */
  scheduleReview(verificationSid: string): void;
  /** Forgets pending automatic review steps of a verification. */
  cancelReview(verificationSid: string): void;
  /** Runs work after the current answer has gone out, the way Twilio updates state later. */
  later(work: () => void | Promise<void>): void;
  /** Signs and sends a webhook request (see webhook-client.ts). */
  webhooks: WebhookClient;
  /** Tells persistence that state changed outside a request. */
  changed(): void;
}

/** A Twilio API request after parsing. */
export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: FormParams;
  form: FormParams;
  /** The emulator's origin as the client reached it, e.g. `http://127.0.0.1:4010`. */
  origin: string;
}

export interface ApiResult {
  status: number;
  body?: unknown;
}

export type ApiHandler = (ctx: EmulatorContext, req: ApiRequest) => ApiResult | Promise<ApiResult>;
