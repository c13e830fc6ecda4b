import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { createAgentClient } from "../../agent/client";
import type { AgentRetryPolicy } from "../core/agent-call";
import { plainStatus } from "../core/http-response";
import type { WebhookResponse } from "../core/http-response";
import { createInboundHandler } from "../core/inbound-handler";
import type { HandlerLogger } from "../core/log";
import type { MessageSender } from "../core/message-sender";
import { InMemoryOptOutStore } from "../core/opt-outs";
import type { OptOutStore } from "../core/opt-outs";
import type { RouteStore } from "../core/routes";
import { createStatusHandler } from "../core/status-handler";
import { endpointForPath, webhookUrls } from "../core/urls";
import type { WebhookUrls } from "../core/urls";
import type { WebhookRequest } from "../core/webhook-request";
import { createWorker } from "../core/worker";
import { inProcessOncePerMessage } from "./in-process-once";
import { createLocalLogger } from "./local-logger";
import { LocalQueue } from "./local-queue";
import type { DeadLetter, LocalQueueOptions } from "./local-queue";

/** Options of {@link startLocalRuntime}. */
export interface LocalRuntimeOptions {
  /** 0 or absent picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /**
   * The base of the URLs written into the numbers (a tunnel or proxy in front of this server);
   * defaults to the server's own `http://host:port`. Signatures are checked against it.
   */
  publicBaseUrl?: string;
  /** Twilio auth tokens: primary first, secondary during a rotation. */
  authTokens: string[];
  routes: RouteStore;
  agent: { url: string; token: string; timeoutMs?: number };
  sender: MessageSender;
  /** Defaults to an in-memory store. */
  optOuts?: OptOutStore;
  /** Defaults to JSON lines on stdout (`createLocalLogger`). */
  logger?: HandlerLogger;
  agentRetry?: AgentRetryPolicy;
  queue?: Omit<LocalQueueOptions, "logger">;
}

/** A running local runtime. */
export interface LocalRuntime {
  /** Where the server listens. */
  url: string;
  /** The canonical webhook URLs the runtime validates against (write these into the numbers). */
  urls: WebhookUrls;
  /** Resolves once every accepted message was answered, rejected or dead-lettered. */
  idle(): Promise<void>;
  /** Messages that failed every delivery. */
  deadLetters: readonly DeadLetter[];
  optOuts: OptOutStore;
  close(): Promise<void>;
}

/** Bodies above this are refused: an inbound SMS form is a few kilobytes at most. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * The dev stack's webhook handlers: the runtime-neutral core over node:http, with an in-process
 * queue, dead-letter list, opt-out store and once-per-MessageSid guard.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const { logger, flushLogger } = runtimeLogger(options.logger);
  const server = createServer();
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  const urls = webhookUrls(options.publicBaseUrl ?? url);
  const optOuts = options.optOuts ?? new InMemoryOptOutStore();
  const once = inProcessOncePerMessage();
  const authTokens = async () => options.authTokens;
  const worker = createWorker({ urls, routes: options.routes, optOuts, logger, once,
    agent: createAgentClient(options.agent), sender: options.sender,
    agentRetry: options.agentRetry });
  const queue = new LocalQueue((message) => worker(message), { ...options.queue, logger });
  const inbound = createInboundHandler({ urls, authTokens, routes: options.routes, optOuts,
    queue, once, logger });
  const status = createStatusHandler({ urls, authTokens, routes: options.routes, optOuts, logger });

  server.on("request", (req, res) => {
    void serve(req, res, async (request, path) => {
      const endpoint = endpointForPath(path);
      if (endpoint === "status") return status(request);
      if (endpoint) return inbound(request, endpoint);
      return plainStatus(404, "not a webhook path");
    }, logger);
  });

  return { url, urls, optOuts, deadLetters: queue.deadLetters, idle: () => queue.idle(),
    close: async () => {
      await closeRuntime(server, queue);
      flushLogger();
    } };
}

function runtimeLogger(given?: HandlerLogger): { logger: HandlerLogger; flushLogger(): void } {
  if (given) return { logger: given, flushLogger: () => undefined };

  const own = createLocalLogger({ serviceName: "sms-local-runtime" });
  return { logger: own, flushLogger: () => own.flush() };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  route: (request: WebhookRequest, path: string) => Promise<WebhookResponse>,
  logger: HandlerLogger,
): Promise<void> {
  try {
    const [path, rawQuery = ""] = splitTarget(req.url ?? "/");
    const body = await readBody(req);
    const response = body === undefined
      ? plainStatus(413, "body too large")
      : await route({ method: req.method ?? "GET", rawQuery, headers: flatHeaders(req), body,
        isBase64Encoded: false }, path);
    res.writeHead(response.statusCode, response.headers).end(response.body);
  } catch (err) {
    logger.error("local runtime failed to answer a request", { error: err as Error });
    if (!res.headersSent) res.writeHead(500).end();
  }
}

/** Splits a request target at the first `?`, keeping the query exactly as sent. */
function splitTarget(target: string): [string, string?] {
  const index = target.indexOf("?");
  return index === -1 ? [target] : [target.slice(0, index), target.slice(index + 1)];
}

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const name of Object.keys(req.headers)) {
    const value = req.headers[name];
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined
      : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function closeRuntime(server: Server, queue: LocalQueue): Promise<void> {
  queue.close();
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
