/** The three webhook URLs of a stack, exactly as they are written into each toll-free number. */
export interface WebhookUrls {
  /** The number's `SmsUrl`: Twilio POSTs every inbound message here. */
  smsUrl: string;
  /** The number's `SmsFallbackUrl`: Twilio POSTs here when `SmsUrl` fails or times out. */
  smsFallbackUrl: string;
  /** The `StatusCallback` given with every reply sent through the Messages API. */
  statusCallbackUrl: string;
}

/** Which handler a webhook URL leads to. */
export type WebhookEndpoint = "inbound" | "fallback" | "status";

/** Path of each endpoint below the stack's webhook base URL. */
export const WEBHOOK_PATHS: Readonly<Record<WebhookEndpoint, string>> = {
  inbound: "/sms/inbound",
  fallback: "/sms/fallback",
  status: "/sms/status",
};

/**
 * The canonical webhook URLs below `baseUrl`. The Pulumi program writes these strings into each
 * number and the handlers validate `X-Twilio-Signature` against the very same strings: Twilio
 * signs the URL it called, so a URL rebuilt from what the handler sees (an execute-api host, a
 * `/prod` stage, `http` behind TLS termination) fails validation (field case F10).
 *
 * The base is joined as text, not normalised through `URL`, so an explicit port such as `:8443`
 * or `:443` stays exactly as configured (Twilio keeps the port in the signed URL of SMS
 * callbacks, see twilio-reference 5.1).
 */
export function webhookUrls(baseUrl: string): WebhookUrls {
  const base = canonicalBase(baseUrl);

  return {
    smsUrl: base + WEBHOOK_PATHS.inbound,
    smsFallbackUrl: base + WEBHOOK_PATHS.fallback,
    statusCallbackUrl: base + WEBHOOK_PATHS.status,
  };
}

/** The canonical URL of one endpoint. */
export function endpointUrl(urls: WebhookUrls, endpoint: WebhookEndpoint): string {
  if (endpoint === "inbound") return urls.smsUrl;
  if (endpoint === "fallback") return urls.smsFallbackUrl;
  return urls.statusCallbackUrl;
}

const ENDPOINT_PATHS = Object.entries(WEBHOOK_PATHS) as [WebhookEndpoint, string][];

/** The endpoint a request path ends with, whatever prefix a proxy or API stage put before it. */
export function endpointForPath(path: string): WebhookEndpoint | undefined {
  const query = path.indexOf("?");
  const bare = (query === -1 ? path : path.slice(0, query)).replace(/\/+$/, "");
  return ENDPOINT_PATHS.find(([, suffix]) => bare.endsWith(suffix))?.[0];
}

/**
 * The URL Twilio signed: the canonical URL plus the query string exactly as received (Twilio
 * appends `bodySHA256` to JSON callbacks, and connection overrides may carry their own query).
 */
export function signedUrl(canonicalUrl: string, rawQuery: string): string {
  return rawQuery ? `${canonicalUrl}?${rawQuery}` : canonicalUrl;
}

function canonicalBase(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, "");
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new Error(`webhook base URL "${baseUrl}" is not an absolute URL: use https://host[/path]`);
  }

  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`webhook base URL "${baseUrl}" must use https (or http for the dev stack)`);
  }
  if (parsed.search || parsed.hash || trimmed.includes("?") || trimmed.includes("#")) {
    throw new Error(`webhook base URL "${baseUrl}" must not carry a query or fragment`);
  }
  return trimmed;
}
