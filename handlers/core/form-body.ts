/** Webhook parameters: a repeated key keeps every value, in order; an empty value stays "". */
export type FormParams = Record<string, string | string[]>;

/**
 * The request body as text. API Gateway and Lambda function URLs hand form bodies over base64
 * encoded (`isBase64Encoded: true`); validating the still-encoded string fails every request
 * (field case F13), so decoding comes first.
 */
export function decodeBody(body: string | undefined, isBase64Encoded: boolean): string {
  if (!body) return "";
  return isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
}

/**
 * Parses an `application/x-www-form-urlencoded` body keeping every parameter. Twilio signs all
 * parameters it sends, including ones added without notice, empty ones and JSON-valued ones
 * such as `AddOns`, so nothing may be dropped or merged before validation.
 */
export function parseFormBody(raw: string): FormParams {
  const params: FormParams = {};

  for (const [key, value] of new URLSearchParams(raw)) {
    const seen = params[key];
    if (seen === undefined) params[key] = value;
    else params[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}

/** The first value of a parameter, or undefined when Twilio did not send it. */
export function firstParam(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}
