import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";

import { plainStatus } from "../core/http-response";
import { createInboundHandler } from "../core/inbound-handler";
import type { InboundHandler } from "../core/inbound-handler";
import { endpointForPath } from "../core/urls";
import { eventPath, toProxyResult, webhookRequestFromEvent } from "./api-gateway";
import type { HttpEvent } from "./api-gateway";
import { awsInboundDeps } from "./aws-runtime";
import { lazyHandler } from "./lazy-handler";

/** The inbound function over a handler core: `POST /sms/inbound` and `POST /sms/fallback`. */
export function createInboundLambda(handle: InboundHandler, logger: Logger) {
  return async (event: HttpEvent, context: Context) => {
    logger.addContext(context);
    const endpoint = endpointForPath(eventPath(event));
    if (endpoint !== "inbound" && endpoint !== "fallback") {
      return toProxyResult(plainStatus(404, "not an inbound webhook path"));
    }
    return toProxyResult(await handle(webhookRequestFromEvent(event), endpoint, context));
  };
}

/** The Lambda entry point (bundled as `inbound.js`, handler `inbound.handler`). */
export const handler = lazyHandler(() => {
  const deps = awsInboundDeps();
  return createInboundLambda(createInboundHandler(deps), deps.logger);
});
