import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";

import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";

import type { HttpMethod } from "./store";

/** A webhook request the way Twilio makes one. */
export interface WebhookRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
  timeoutMs: number;
}

/** What came back. `errorCode` is Twilio's debugger code when the request failed. */
export interface WebhookResponse {
  url: string;
  status: number | null;
  body: string | null;
  contentType: string | null;
  /** 11200 HTTP retrieval failure (a non-2xx answer or a timeout), 11205 no connection. */
  errorCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends signed webhook requests. The signature is twilio-node's `getExpectedTwilioSignature`
 * over the exact URL (scheme, host, port and query as configured; Twilio keeps the port for SMS
 * callbacks) plus, for POST, the form parameters. Credentials in the URL are not part of the
 * signed URL and go out as Basic auth instead (twilio.com/docs/usage/security). The timeout
 * is total, connect included, as Twilio's 15 s is.
 */
export class WebhookClient {
  private readonly inFlight = new Set<http.ClientRequest>();

  constructor(private readonly authToken: string) {}

  send(request: WebhookRequest): Promise<WebhookResponse> {
    const started = Date.now();
    const parsed = new URL(request.url);
    const auth = parsed.username
      ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
      : undefined;
    const { url, signature } = signWebhook(this.authToken, request);
    const body = request.method === "POST" ? new URLSearchParams(request.params).toString() : undefined;
    return this.exchange(new URL(url), request, { signature, auth, body, started });
  }

  /** Aborts every webhook still waiting for an answer (used when the emulator stops). */
  abortAll(): void {
    for (const req of this.inFlight) req.destroy(new Error("emulator stopped"));
    this.inFlight.clear();
  }

  private exchange(
    target: URL,
    request: WebhookRequest,
    out: { signature: string; auth?: string; body?: string; started: number },
  ): Promise<WebhookResponse> {
    const transport = target.protocol === "https:" ? https : http;
    const headers: Record<string, string> = {
      "X-Twilio-Signature": out.signature,
      "I-Twilio-Idempotency-Token": randomUUID(),
      "User-Agent": "TwilioProxy/1.1",
      Accept: "*/*",
      Connection: "close",
    };
    if (out.body !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8";
      headers["Content-Length"] = String(Buffer.byteLength(out.body));
    }
    if (out.auth) headers.Authorization = `Basic ${Buffer.from(out.auth).toString("base64")}`;

    return new Promise((resolve) => {
      let done = false;
      let timedOut = false;
      const finish = (result: Omit<WebhookResponse, "url" | "durationMs">) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.inFlight.delete(req);
        resolve({ url: request.url, durationMs: Date.now() - out.started, ...result });
      };
      const fail = (error: Error) => finish(failure(timedOut ? new TimeoutError() : error));
      const req = transport.request(target, { method: request.method, headers, agent: false });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new TimeoutError());
      }, request.timeoutMs);
      this.inFlight.add(req);
      req.on("response", (res) => readAnswer(res, finish, fail));
      req.on("error", fail);
      req.end(out.body);
    });
  }
}

/**
 * The URL Twilio requests and its `X-Twilio-Signature`. The URL is signed as configured, not
 * as URL() would normalise it (host case, default ports), because the receiver validates
 * against the very string it wrote into SmsUrl; GET requests carry the parameters in the query
 * and sign the URL alone (twilio.com/docs/usage/security).
 */
export function signWebhook(
  authToken: string,
  request: Pick<WebhookRequest, "url" | "method" | "params">,
): { url: string; signature: string } {
  let url = request.url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, "$1");
  if (request.method === "GET") {
    url += (url.includes("?") ? "&" : "?") + new URLSearchParams(request.params).toString();
  }
  const params = request.method === "POST" ? request.params : {};
  return { url, signature: getExpectedTwilioSignature(authToken, url, params) };
}

class TimeoutError extends Error {
  constructor() {
    super("timed out");
  }
}

function readAnswer(
  res: http.IncomingMessage,
  finish: (result: Omit<WebhookResponse, "url" | "durationMs">) => void,
  fail: (error: Error) => void,
): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("error", fail);
  res.on("aborted", () => fail(new Error("connection closed mid-answer")));
  res.on("end", () => {
    const status = res.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    finish({
      status,
      body: Buffer.concat(chunks).toString("utf8"),
      contentType: res.headers["content-type"] ?? null,
      errorCode: ok ? null : 11200,
      error: ok ? null : `HTTP ${status}`,
    });
  });
}

function failure(error: Error): Omit<WebhookResponse, "url" | "durationMs"> {
  const timedOut = error instanceof TimeoutError;
  return {
    status: null,
    body: null,
    contentType: null,
    errorCode: timedOut ? 11200 : 11205,
    error: timedOut ? "timed out" : error.message,
  };
}
