import { IdempotencyAlreadyInProgressError,
  IdempotencyPersistenceLayerError } from "@aws-lambda-powertools/idempotency";
import type { Context } from "aws-lambda";

import { firstParam } from "./form-body";
import type { FormParams } from "./form-body";
import { emptyTwiml, messageTwiml, plainStatus } from "./http-response";
import type { WebhookResponse } from "./http-response";
import { inboundMessageFrom } from "./inbound-message";
import type { InboundMessage, MessageQueue } from "./inbound-message";
import { classifyMessage } from "./keywords";
import type { HandlerLogger } from "./log";
import type { OncePerMessage } from "./once-per-message";
import type { OptOutStore } from "./opt-outs";
import type { RouteStore } from "./routes";
import { endpointUrl } from "./urls";
import type { WebhookUrls } from "./urls";
import { isVerified, verifyWebhook } from "./verify-webhook";
import type { AuthTokenSource } from "./verify-webhook";
import type { WebhookRequest } from "./webhook-request";

/** What the inbound handler needs; each runtime supplies its own stores and queue. */
export interface InboundHandlerDeps {
  /** The stack's canonical webhook URLs, the ones written into every number. */
  urls: WebhookUrls;
  authTokens: AuthTokenSource;
  routes: RouteStore;
  optOuts: OptOutStore;
  queue: MessageQueue;
  /** Powertools idempotency over DynamoDB on AWS, a map in the local runtime. */
  once: OncePerMessage;
  logger: HandlerLogger;
}

/** Handles a POST to `SmsUrl` (`inbound`) or `SmsFallbackUrl` (`fallback`). */
export type InboundHandler = (
  request: WebhookRequest,
  endpoint: "inbound" | "fallback",
  lambdaContext?: Context,
) => Promise<WebhookResponse>;

/**
 * The inbound-SMS webhook. It does only quick work before answering (signature, keyword, one
 * store write or one enqueue), so Twilio gets its TwiML well inside 2 s whatever the agent does;
 * Twilio gives up after 15 s and logs 11200 (twilio-reference 5.5). A message is enqueued once
 * per MessageSid, however often or concurrently Twilio delivers it.
 */
export function createInboundHandler(deps: InboundHandlerDeps): InboundHandler {
  const enqueueOnce = deps.once("accept", async (message: InboundMessage) => {
    await deps.queue.enqueue(message);
    return { receivedAt: message.receivedAt };
  });

  return async (request, endpoint, lambdaContext) => {
    const url = endpointUrl(deps.urls, endpoint);
    const verified = await verifyWebhook(request, endpoint, url, deps.authTokens, deps.logger);
    if (!isVerified(verified)) return verified;

    const message = inboundMessageFrom(verified.params);
    if ("problem" in message) {
      deps.logger.warn("signed webhook is not an inbound SMS", { endpoint, problem: message.problem });
      return plainStatus(400, message.problem);
    }
    if (endpoint === "fallback") logFallback(deps.logger, verified.params);

    try {
      return await respond(deps, message, verified.params, (m) => enqueueOnce(m, lambdaContext));
    } catch (err) {
      // A 500 makes Twilio try SmsFallbackUrl, which enqueues through the same MessageSid key.
      deps.logger.error("inbound message not accepted", { endpoint, messageSid: message.messageSid,
        error: err as Error });
      return plainStatus(500, "message not accepted");
    }
  };
}

async function respond(
  deps: InboundHandlerDeps,
  message: InboundMessage,
  params: FormParams,
  enqueue: (message: InboundMessage) => Promise<{ duplicate: boolean }>,
): Promise<WebhookResponse> {
  const intent = classifyMessage(message.body, firstParam(params, "OptOutType"));
  const context = { messageSid: message.messageSid, to: message.to, from: message.from, intent };

  if (intent === "opt-out") {
    await deps.optOuts.optOut(message.to, message.from);
    deps.logger.info("opt-out recorded; message not sent to the agent", context);
    return emptyTwiml();
  }
  if (intent === "opt-in") {
    await deps.optOuts.optIn(message.to, message.from);
    deps.logger.info("opt-out cleared", context);
    return emptyTwiml();
  }
  if (intent === "help") return helpResponse(deps, message, context);

  return acceptChat(deps, message, enqueue, context);
}

async function helpResponse(
  deps: InboundHandlerDeps,
  message: InboundMessage,
  context: Record<string, string>,
): Promise<WebhookResponse> {
  // Toll-free numbers send no HELP answer to an opted-out sender (Twilio support 360058144374).
  if (await deps.optOuts.isOptedOut(message.to, message.from)) {
    deps.logger.info("HELP from an opted-out sender: no answer", context);
    return emptyTwiml();
  }

  const route = await deps.routes.get(message.to);
  if (!route) {
    deps.logger.warn("HELP to a number without a route: no answer", context);
    return emptyTwiml();
  }
  deps.logger.info("answered HELP with the integration's help text",
    { ...context, integration: route.integration });
  return messageTwiml(route.helpMessage);
}

async function acceptChat(
  deps: InboundHandlerDeps,
  message: InboundMessage,
  enqueue: (message: InboundMessage) => Promise<{ duplicate: boolean }>,
  context: Record<string, string>,
): Promise<WebhookResponse> {
  try {
    const { duplicate } = await enqueue(message);
    deps.logger.info(duplicate ? "repeated delivery ignored" : "message queued", context);
  } catch (err) {
    if (err instanceof IdempotencyAlreadyInProgressError) {
      deps.logger.info("repeated delivery ignored: the first one is being queued", context);
    } else if (err instanceof IdempotencyPersistenceLayerError) {
      // A duplicate in the queue beats a lost message: the worker's own MessageSid record
      // still keeps the agent to one call once the store answers again.
      deps.logger.warn("idempotency store unavailable; queued without the duplicate check",
        { ...context, error: err });
      await deps.queue.enqueue(message);
    } else {
      throw err;
    }
  }
  return emptyTwiml();
}

function logFallback(logger: HandlerLogger, params: FormParams): void {
  logger.warn("Twilio used the fallback URL: the primary webhook failed",
    { twilioErrorCode: firstParam(params, "ErrorCode"), errorUrl: firstParam(params, "ErrorUrl") });
}
