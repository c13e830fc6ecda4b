/**
 * Twilio formats dates differently per host: api.twilio.com 2010-04-01 resources use RFC 2822
 * (`Thu, 30 Jul 2015 23:19:04 +0000`), messaging.twilio.com v1 resources use ISO 8601 UTC
 * without fractions (`2021-01-27T14:18:35Z`). Both come from the specs' examples.
 */

/** RFC 2822 in GMT, as the 2010-04-01 API writes `date_created`. */
export function rfc2822(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, "+0000");
}

/** ISO 8601 UTC to the second, as messaging v1 writes `date_created`. */
export function iso8601(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Now, as the ISO string the emulator stores. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** An ISO time a number of seconds after another one. */
export function addSeconds(iso: string, seconds: number): string {
  return new Date(new Date(iso).getTime() + seconds * 1000).toISOString();
}
