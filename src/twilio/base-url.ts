/**
 * Where Twilio requests go when `TWILIO_API_BASE_URL` (or the `baseUrl` option) names an
 * emulator: every `*.twilio.com` origin is replaced by the base URL, api.twilio.com and
 * messaging.twilio.com included, and so are absolute `meta.next_page_url` values that name
 * Twilio. Region and edge hosts (`api.us1.twilio.com`, set by TWILIO_REGION/TWILIO_EDGE) are
 * Twilio hosts too, so nothing slips through to the real service.
 */
export function rewriteTwilioUrl(uri: string, baseUrl: string): string {
  const url = new URL(uri);
  if (!/(^|\.)twilio\.com$/i.test(url.hostname)) return uri;
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  return `${base.origin}${prefix}${url.pathname}${url.search}`;
}

/** Checks a base URL once, naming where it came from when it is not an http(s) URL. */
export function checkBaseUrl(baseUrl: string, source: string): string {
  try {
    const url = new URL(baseUrl);
    if (url.protocol === "http:" || url.protocol === "https:") return baseUrl;
  } catch {
    // reported below
  }
  throw new Error(`${source} must be an http or https URL like http://127.0.0.1:4010, got '${baseUrl}'`);
}
