import { decodeBody, parseFormBody } from "./form-body";
import type { FormParams } from "./form-body";
import { plainStatus } from "./http-response";
import type { WebhookResponse } from "./http-response";
import type { HandlerLogger } from "./log";
import { checkTwilioSignature } from "./signature";
import { signedUrl } from "./urls";
import type { WebhookEndpoint } from "./urls";
import { isJsonRequest, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER } from "./webhook-request";
import type { WebhookRequest } from "./webhook-request";

/** Supplies the Twilio auth tokens: the primary, then the secondary during a rotation. */
export type AuthTokenSource = () => Promise<readonly string[]>;

/** What a verified request carries on to its handler. */
export interface VerifiedWebhook {
  params: FormParams;
}

/**
 * Proves a request came from Twilio, or answers it: 500 when no auth token is configured (a
 * configuration error, distinct from a forgery, field case F14), 403 for a missing or wrong
 * signature, 405 for anything but POST.
 */
export async function verifyWebhook(
  request: WebhookRequest,
  endpoint: WebhookEndpoint,
  canonicalUrl: string,
  authTokens: AuthTokenSource,
  logger: HandlerLogger,
): Promise<VerifiedWebhook | WebhookResponse> {
  if (request.method.toUpperCase() !== "POST") return plainStatus(405, "POST only");

  const tokens = await loadTokens(authTokens, logger);
  if (tokens.length === 0) {
    logger.error("config_error: auth token missing", { endpoint,
      remedy: "set the stack's Twilio auth token (and the secondary one during a rotation)" });
    return plainStatus(500, "webhook not configured");
  }

  const rawBody = decodeBody(request.body, request.isBase64Encoded);
  const params = isJsonRequest(request) ? jsonParams(rawBody) : parseFormBody(rawBody);
  const url = signedUrl(canonicalUrl, request.rawQuery);
  const result = checkTwilioSignature({ authTokens: tokens, url, rawBody, params,
    signature: request.headers[SIGNATURE_HEADER],
    signatureSettings: request.headers[SIGNATURE_SETTINGS_HEADER] });

  if (!result.ok) {
    logger.warn("rejected webhook: signature check failed", { endpoint, reason: result.reason,
      validatedAgainst: url });
    return plainStatus(403, "invalid signature");
  }
  logger.debug("webhook signature valid", { endpoint, validatedWith: result.token });
  return { params };
}

/** Tells a verified request from an answer. */
export function isVerified(value: VerifiedWebhook | WebhookResponse): value is VerifiedWebhook {
  return "params" in value;
}

async function loadTokens(source: AuthTokenSource, logger: HandlerLogger): Promise<string[]> {
  try {
    return (await source()).filter((token) => token.length > 0);
  } catch (err) {
    logger.error("config_error: auth token unavailable", { cause: describe(err) });
    return [];
  }
}

/** A JSON callback's top-level scalar fields as parameters, after its body hash was checked. */
function jsonParams(rawBody: string): FormParams {
  try {
    const value: unknown = JSON.parse(rawBody);
    if (typeof value !== "object" || value === null) return {};
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => ["string", "number", "boolean"].includes(typeof field));
    return Object.fromEntries(entries.map(([key, field]) => [key, String(field)]));
  } catch {
    return {};
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
