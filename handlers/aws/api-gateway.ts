import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2 } from "aws-lambda";

import type { WebhookResponse } from "../core/http-response";
import type { WebhookRequest } from "../core/webhook-request";

/** An HTTP API (payload 2.0), Lambda function URL or REST API (payload 1.0) event. */
export type HttpEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

/** The request path as the integration saw it, stage prefix included. */
export function eventPath(event: HttpEvent): string {
  return "rawPath" in event ? event.rawPath : event.path;
}

/**
 * The core's view of an API Gateway event. Only the body, the raw query string and the headers
 * are taken from it: host, scheme and stage are internal to AWS (an execute-api host, `/prod`,
 * `X-Forwarded-Proto` as the proxy saw it), so the signed URL comes from configuration (F10).
 */
export function webhookRequestFromEvent(event: HttpEvent): WebhookRequest {
  return {
    method: "rawPath" in event ? event.requestContext.http.method : event.httpMethod,
    rawQuery: "rawPath" in event ? event.rawQueryString : restQuery(event),
    headers: lowerCaseHeaders(event.headers ?? {}),
    body: event.body ?? undefined,
    isBase64Encoded: event.isBase64Encoded ?? false,
  };
}

/** The core's response as a Lambda proxy result (same shape for payload 1.0 and 2.0). */
export function toProxyResult(
  response: WebhookResponse,
): APIGatewayProxyStructuredResultV2 & APIGatewayProxyResult {
  return { statusCode: response.statusCode, headers: response.headers, body: response.body,
    isBase64Encoded: false };
}

function lowerCaseHeaders(
  headers: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) =>
    [name.toLowerCase(), value]));
}

/**
 * REST API events carry no raw query string, only decoded parameters. Re-encoding them is
 * exact for what Twilio puts there (`bodySHA256`, a hex digest); HTTP APIs and function URLs,
 * which the AWS component deploys, pass the raw string and need no rebuilding.
 */
function restQuery(event: APIGatewayProxyEvent): string {
  const params = event.multiValueQueryStringParameters ?? {};
  const search = new URLSearchParams();
  for (const [name, values] of Object.entries(params)) {
    for (const value of values ?? []) search.append(name, value);
  }
  return search.toString();
}
