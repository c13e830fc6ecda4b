/**
 * Link checks on free text (sample messages, help and confirmation messages, opt-in URLs).
 * Data only: no YAML knowledge, so the Twilio emulator's auto-review can run them on wire
 * payloads as well.
 */

/**
 * Public URL shorteners. Twilio rejects a sample message that links through one
 * (rejection 30449 "Public URL shortener in sample message", 30525 when it is not resubmittable)
 * because the carrier cannot tell where a shared shortener leads. Branded short domains owned by
 * the business are fine and are not listed here.
 */
export const PUBLIC_SHORTENERS: readonly string[] = [
  "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly",
  "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "bl.ink", "lnkd.in", "t.ly",
  "v.gd", "s.id", "shorte.st", "adf.ly", "bit.do", "mcaf.ee", "su.pr", "tr.im", "x.co",
  "soo.gd", "clck.ru", "qr.ae", "db.tt", "fb.me", "youtu.be", "amzn.to", "tiny.one", "t2m.io",
  "short.io", "shorturl.com", "urlz.fr", "1url.com", "trib.al", "dlvr.it", "spoo.me",
];

const SHORTENER_HOSTS = new Set(PUBLIC_SHORTENERS);

// A link with or without its scheme: "https://a.example/x", "bit.ly/abc", "www.a.example".
// The look-behind keeps the domain part of an e-mail address ("a@b.example") out.
const LINK = /(?<![@\w.-])(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#][^\s<>"']*)?/gi;

const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/** Every link in `text`, as written, without trailing sentence punctuation. */
export function findLinks(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(LINK)) {
    links.push(match[0].replace(TRAILING_PUNCTUATION, ""));
  }
  return links;
}

/**
 * The host of a link found by {@link findLinks}, lower-cased and without a leading `www.`;
 * `undefined` when it cannot be parsed as a URL.
 */
export function linkHost(link: string): string | undefined {
  const withScheme = /^https?:\/\//i.test(link) ? link : `https://${link}`;
  try {
    return new URL(withScheme).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

/** Links in `text` that go through a public URL shortener (see {@link PUBLIC_SHORTENERS}). */
export function findShortenedLinks(text: string): string[] {
  return findLinks(text).filter((link) => {
    const host = linkHost(link);
    return host !== undefined && SHORTENER_HOSTS.has(host);
  });
}

/**
 * Links in `text` written with `http://`. Twilio rejects a sample message with a non-secured
 * link (rejection 30471); links written without a scheme are not reported here.
 */
export function findInsecureLinks(text: string): string[] {
  return findLinks(text).filter((link) => /^http:\/\//i.test(link));
}
