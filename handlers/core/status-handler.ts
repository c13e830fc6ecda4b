import { firstParam } from "./form-body";
import { emptyTwiml } from "./http-response";
import type { WebhookResponse } from "./http-response";
import type { HandlerLogger } from "./log";
import { TOLL_FREE_NOT_VERIFIED, UNSUBSCRIBED_RECIPIENT } from "./message-sender";
import type { OptOutStore } from "./opt-outs";
import type { RouteStore } from "./routes";
import type { WebhookUrls } from "./urls";
import { isVerified, verifyWebhook } from "./verify-webhook";
import type { AuthTokenSource } from "./verify-webhook";
import type { WebhookRequest } from "./webhook-request";

/** What the delivery-status endpoint needs. */
export interface StatusHandlerDeps {
  urls: WebhookUrls;
  authTokens: AuthTokenSource;
  routes: RouteStore;
  optOuts: OptOutStore;
  logger: HandlerLogger;
}

/** Handles a POST to the stack's `statusCallbackUrl`. */
export type StatusHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

/**
 * The delivery-status callback of every reply. Most toll-free failures arrive here, not at send
 * time: 30032 (number not verified yet, F09) is logged as an error against the integration, and
 * 21610 records the opt-out so the worker stops calling the agent for that sender.
 */
export function createStatusHandler(deps: StatusHandlerDeps): StatusHandler {
  return async (request) => {
    const verified = await verifyWebhook(request, "status", deps.urls.statusCallbackUrl,
      deps.authTokens, deps.logger);
    if (!isVerified(verified)) return verified;

    const params = verified.params;
    const from = firstParam(params, "From") ?? "";
    const to = firstParam(params, "To") ?? "";
    const code = Number(firstParam(params, "ErrorCode") ?? "") || undefined;
    const route = from ? await deps.routes.get(from) : undefined;
    const context = { messageSid: firstParam(params, "MessageSid"), to,
      status: firstParam(params, "MessageStatus"), twilioErrorCode: code,
      integration: route?.integration ?? "(no route)" };

    if (code === UNSUBSCRIBED_RECIPIENT && from && to) await deps.optOuts.optOut(from, to);
    if (code === TOLL_FREE_NOT_VERIFIED) {
      deps.logger.error("reply blocked: toll-free number not verified (30032); replies fail " +
        "until the verification is TWILIO_APPROVED", context);
    } else if (code) {
      deps.logger.error("reply not delivered", context);
    } else {
      deps.logger.info("reply status", context);
    }
    return emptyTwiml();
  };
}
