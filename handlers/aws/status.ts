import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";

import { plainStatus } from "../core/http-response";
import { createStatusHandler } from "../core/status-handler";
import type { StatusHandler } from "../core/status-handler";
import { endpointForPath } from "../core/urls";
import { eventPath, toProxyResult, webhookRequestFromEvent } from "./api-gateway";
import type { HttpEvent } from "./api-gateway";
import { awsStatusDeps } from "./aws-runtime";
import { lazyHandler } from "./lazy-handler";

/** The delivery-status function over a handler core: `POST /sms/status`. */
export function createStatusLambda(handle: StatusHandler, logger: Logger) {
  return async (event: HttpEvent, context: Context) => {
    logger.addContext(context);
    if (endpointForPath(eventPath(event)) !== "status") {
      return toProxyResult(plainStatus(404, "not the status callback path"));
    }
    return toProxyResult(await handle(webhookRequestFromEvent(event)));
  };
}

/** The Lambda entry point (bundled as `status.js`, handler `status.handler`). */
export const handler = lazyHandler(() => {
  const deps = awsStatusDeps();
  return createStatusLambda(createStatusHandler(deps), deps.logger);
});
