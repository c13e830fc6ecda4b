import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

import { AUTH_CHALLENGE, authenticate } from "./auth";
import type { Credentials } from "./auth";
import type { ApiResult, EmulatorContext } from "./context";
import { nowIso } from "./dates";
import type { FaultDecision, FaultInjector } from "./faults";
import { FormParams } from "./form-params";
import type { HookHost } from "./hooks";
import { runHook } from "./hooks";
import { readBody, requestOrigin, sendJson } from "./http-io";
import type { RequestLog } from "./request-log";
import { matchRoute } from "./routes";
import { TwilioApiError, notFound } from "./twilio-error";

/** One answered Twilio API request, for a test that checks every body the emulator sends. */
export interface ApiExchange {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  body: unknown;
}

export interface ServerHost extends HookHost {
  ctx: EmulatorContext;
  log: RequestLog;
  faults: FaultInjector;
  credentials: () => Credentials;
  fallbackOrigin: () => string;
  onApiResponse?: (exchange: ApiExchange) => void;
}

const FAULT_ERRORS: Record<number, TwilioApiError> = {
  429: new TwilioApiError(429, 20429, "Too Many Requests"),
  500: new TwilioApiError(500, 20500, "Internal Server Error"),
  503: new TwilioApiError(503, 20503, "Service Unavailable"),
};

/** The emulator's HTTP server: test hooks under `/_emulator/`, everything else is Twilio. */
export function createEmulatorServer(host: ServerHost): http.Server {
  return http.createServer((req, res) => {
    handle(host, req, res).catch((error: unknown) => {
      console.error("twilio emulator: unexpected failure", error);
      if (!res.headersSent) sendJson(res, 500, { error: "emulator failure, see its log" });
      else res.destroy();
    });
  });
}

async function handle(host: ServerHost, req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const method = (req.method ?? "GET").toUpperCase();
  if (url.pathname === "/_emulator" || url.pathname.startsWith("/_emulator/")) {
    await handleHook(host, req, res, url, method);
    return;
  }
  await handleApi(host, req, res, url, method);
}

async function handleHook(
  host: HookHost,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  method: string,
) {
  const text = await readBody(req);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    sendJson(res, 400, { error: "the body is not JSON" });
    return;
  }
  const path = url.pathname.replace(/^\/_emulator\/?/, "");
  const result = await runHook(host, { method, path, query: url.searchParams, body });
  sendJson(res, result.status, result.body);
  if (method !== "GET") host.ctx.changed();
}

async function handleApi(
  host: ServerHost,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  method: string,
) {
  const started = Date.now();
  const time = nowIso();
  const form = FormParams.parse(await readBody(req));
  const query = new FormParams(url.searchParams);
  const fault = host.faults.decide(method, url.pathname);
  if (fault.latencyMs) await sleep(fault.latencyMs);
  const record = (status: number) =>
    host.log.record({
      method, path: url.pathname, query: query.toObject(), status, time,
      durationMs: Date.now() - started, ...(hasFault(fault) ? { fault: describe(fault) } : {}),
    });

  if (fault.drop === "before") {
    req.socket.destroy();
    record(0);
    return;
  }
  const result = fault.status
    ? errorResult(FAULT_ERRORS[fault.status])
    : await answer(host, req, { method, path: url.pathname, query, form });
  if (method !== "GET") host.ctx.changed();
  record(result.status);
  if (fault.drop === "after") {
    req.socket.destroy();
    return;
  }
  sendJson(res, result.status, result.body, result.headers);
  host.onApiResponse?.({
    method, path: url.pathname, query: query.toObject(), status: result.status, body: result.body,
  });
}

interface Answer extends ApiResult {
  headers?: Record<string, string>;
}

async function answer(
  host: ServerHost,
  req: http.IncomingMessage,
  parsed: { method: string; path: string; query: FormParams; form: FormParams },
): Promise<Answer> {
  try {
    authenticate(req.headers.authorization, host.credentials());
    const match = matchRoute(parsed.method, parsed.path);
    if (match.kind === "not-found") throw notFound(parsed.path);
    if (match.kind === "method-not-allowed") {
      throw new TwilioApiError(405, 20004, `Method ${parsed.method} not allowed`);
    }
    const { accountSid } = match.params;
    if (accountSid !== undefined && accountSid !== host.ctx.settings.accountSid) {
      throw notFound(parsed.path);
    }
    const origin = requestOrigin(req, host.fallbackOrigin());
    return await match.handler(host.ctx, { ...parsed, params: match.params, origin });
  } catch (error) {
    if (error instanceof TwilioApiError) return errorResult(error);
    console.error("twilio emulator: handler failed", error);
    return errorResult(FAULT_ERRORS[500]);
  }
}

function errorResult(error: TwilioApiError): Answer {
  return {
    status: error.status,
    body: error.toBody(),
    headers: error.status === 401 ? AUTH_CHALLENGE : undefined,
  };
}

function hasFault(fault: FaultDecision): boolean {
  return fault.latencyMs > 0 || fault.status !== undefined || fault.drop !== undefined;
}

function describe(fault: FaultDecision) {
  return {
    ...(fault.status ? { status: fault.status } : {}),
    ...(fault.latencyMs ? { latencyMs: fault.latencyMs } : {}),
    ...(fault.drop ? { drop: fault.drop } : {}),
  };
}
