import type { Context } from "aws-lambda";

import type { AgentClient } from "../../agent/client";
import { conversationId } from "../../agent/contract";
import type { AgentReply, AgentRequest } from "../../agent/contract";
import { askAgent } from "./agent-call";
import type { AgentRetryPolicy } from "./agent-call";
import type { InboundMessage } from "./inbound-message";
import type { HandlerLogger } from "./log";
import { classifySendError, UNSUBSCRIBED_RECIPIENT } from "./message-sender";
import type { MessageSender } from "./message-sender";
import type { OncePerMessage } from "./once-per-message";
import type { OptOutStore } from "./opt-outs";
import type { Route, RouteStore } from "./routes";
import type { WebhookUrls } from "./urls";

/** What the worker needs; each runtime supplies its own stores, agent client and sender. */
export interface WorkerDeps {
  urls: WebhookUrls;
  routes: RouteStore;
  optOuts: OptOutStore;
  agent: AgentClient;
  sender: MessageSender;
  /** Powertools idempotency over DynamoDB on AWS, a map in the local runtime. */
  once: OncePerMessage;
  logger: HandlerLogger;
  agentRetry?: AgentRetryPolicy;
}

/** How one message ended. Anything thrown instead means: deliver it again later. */
export type WorkOutcome =
  | "replied"
  | "no-reply"
  | "sender-opted-out"
  | "reply-rejected";

/** Processes one queued message. */
export type Worker = (message: InboundMessage, lambdaContext?: Context) => Promise<WorkOutcome>;

/** Twilio refuses bodies over 1600 characters (twilio-reference 5.3). */
const MAX_BODY = 1600;

type SentReply = { sid: string } | { rejectedWith: number | null };

/**
 * The worker: route, opt-out check, one agent call per MessageSid, one reply per MessageSid from
 * the integration's toll-free number. The agent call and the send are separate idempotent steps,
 * so a send retried after a Twilio 5xx does not call the agent again.
 */
export function createWorker(deps: WorkerDeps): Worker {
  const askOnce = deps.once("agent", async (request: AgentRequest): Promise<AgentReply> =>
    askAgent(deps.agent, request, deps.agentRetry ?? {}, deps.logger));
  const sendOnce = deps.once("reply",
    async (reply: { messageSid: string; route: Route; to: string; body: string }) =>
      sendReply(deps, reply));

  return async (message, lambdaContext) => {
    const route = await requireRoute(deps.routes, message);
    const context = { messageSid: message.messageSid, integration: route.integration };
    if (await deps.optOuts.isOptedOut(route.phoneNumber, message.from)) {
      deps.logger.info("sender opted out: message not sent to the agent", context);
      return "sender-opted-out";
    }

    const { value: answer } = await askOnce(agentRequest(route, message), lambdaContext);
    if (!answer.reply) {
      deps.logger.info("agent chose not to reply", context);
      return "no-reply";
    }

    const body = answer.reply.slice(0, MAX_BODY);
    const { value: sent } = await sendOnce({ messageSid: message.messageSid, route,
      to: message.from, body }, lambdaContext);
    return "sid" in sent ? "replied" : "reply-rejected";
  };
}

async function requireRoute(routes: RouteStore, message: InboundMessage): Promise<Route> {
  const route = await routes.get(message.to);
  if (route) return route;
  // Thrown, not dropped: the route may still be on its way (a new integration's first message).
  throw new Error(`no route for toll-free number ${message.to} (MessageSid ${message.messageSid}):` +
    " add an integration file for this number or release it");
}

function agentRequest(route: Route, message: InboundMessage): AgentRequest {
  return {
    agentId: route.agentId,
    conversationId: conversationId(route.integration, message.from),
    messageSid: message.messageSid,
    integration: route.integration,
    from: message.from,
    to: route.phoneNumber,
    text: message.body,
    receivedAt: message.receivedAt,
  };
}

async function sendReply(
  deps: WorkerDeps,
  reply: { messageSid: string; route: Route; to: string; body: string },
): Promise<SentReply> {
  const context = { messageSid: reply.messageSid, integration: reply.route.integration };
  try {
    const { sid } = await deps.sender.send({ from: reply.route.phoneNumber, to: reply.to,
      body: reply.body, statusCallback: deps.urls.statusCallbackUrl });
    deps.logger.info("reply sent", { ...context, replySid: sid });
    return { sid };
  } catch (err) {
    const failure = classifySendError(err);
    if (!failure.final) throw err;

    if (failure.code === UNSUBSCRIBED_RECIPIENT) {
      await deps.optOuts.optOut(reply.route.phoneNumber, reply.to);
    }
    deps.logger.error("reply refused by Twilio; not retried", { ...context,
      twilioErrorCode: failure.code, httpStatus: failure.status, cause: failure.message });
    return { rejectedWith: failure.code ?? null };
  }
}
