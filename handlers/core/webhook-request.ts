/** A webhook request as every runtime adapter hands it to the core. */
export interface WebhookRequest {
  method: string;
  /** The query string exactly as received, without the leading `?`. */
  rawQuery: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string | undefined;
  /** True when `body` is base64 (API Gateway, Lambda function URLs). */
  isBase64Encoded: boolean;
}

/** The header Twilio signs requests with. */
export const SIGNATURE_HEADER = "x-twilio-signature";

/** Names the algorithm when a webhook shared key signs with HMAC_SHA256. */
export const SIGNATURE_SETTINGS_HEADER = "x-twilio-webhooks-signature-settings";

/** True when the request carries JSON rather than a form. */
export function isJsonRequest(request: WebhookRequest): boolean {
  return (request.headers["content-type"] ?? "").toLowerCase().includes("application/json");
}
