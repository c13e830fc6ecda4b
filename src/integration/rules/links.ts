import { isIP } from "node:net";

import { findLinks, linkHost, PUBLIC_SHORTENERS } from "../../compliance/links";
import type { Finding, Rule } from "../rule";
import type { Compliance } from "../schema";
import { quoteValue } from "../yaml-value";
import { messageTexts, type PathText, rememberLast } from "./texts";

const C = "spec.compliance";

interface Link {
  /** As written, as `findLinks` returns it. */
  link: string;
  /** As `linkHost` reads it. */
  host: string | undefined;
}

/** A message and the links in it. */
interface LinkedText extends PathText {
  links: Link[];
}

/**
 * The links of every message, for the three rules that read them: each text is scanned, and
 * each link's host parsed, once per integration instead of once per rule.
 */
const messageLinks = rememberLast((compliance: Compliance): LinkedText[] =>
  messageTexts(compliance).map(({ path, text }) => ({ path, text,
    links: findLinks(text).map((link) => ({ link, host: linkHost(link) })) })));

// What findShortenedLinks and findInsecureLinks of compliance/links select, on scanned links.
const SHORTENER_HOSTS = new Set(PUBLIC_SHORTENERS);
const shortened = ({ host }: Link) => host !== undefined && SHORTENER_HOSTS.has(host);
const insecure = ({ link }: Link) => /^http:\/\//i.test(link);

/** No public URL shortener in any message (30449): carriers cannot see where it leads. */
export const noUrlShortener: Rule = {
  id: "no-url-shortener",
  severity: "error",
  code: 30449,
  description: "No message links through a public URL shortener (bit.ly, tinyurl.com, …).",
  check: ({ spec: { compliance } }) => messageLinks(compliance).flatMap(({ path, links }) =>
    links.filter(shortened).map(({ link }) => ({ path,
      problem: `links through the public URL shortener "${link}"`,
      fix: "write the full https link on the business's own domain" }))),
};

/** No `http://` link in any message (30471). */
export const httpsLinks: Rule = {
  id: "https-links",
  severity: "error",
  code: 30471,
  description: "Links in messages use https://.",
  check: ({ spec: { compliance } }) => messageLinks(compliance).flatMap(({ path, links }) =>
    links.filter(insecure).map(({ link }) => ({ path, problem: `links with plain http: "${link}"`,
      fix: `write it as "${link.replace(/^http:/i, "https:")}"` }))),
};

/** The host of the business website, without `www.`; several rules read it. */
export const websiteHost = rememberLast((compliance: Compliance): string | undefined =>
  linkHost(compliance.business.website));

function onSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

/** Links in messages point at the business's own website; others look like phishing. */
export const linkDomain: Rule = {
  id: "link-domain",
  severity: "warning",
  description: "Links in messages are on the business website's domain.",
  check: ({ spec: { compliance } }) => {
    const site = websiteHost(compliance);
    if (site === undefined) return [];
    const texts = messageLinks(compliance);
    const viaShortener = new Set(texts.flatMap(({ links }) => links.filter(shortened)
      .map(({ link }) => link)));
    return texts.flatMap(({ path, links }) => links
      .filter(({ link }) => !viaShortener.has(link))
      .filter(({ host }) => host && !onSite(host, site))
      .map(({ link }) => ({ path, problem: `links to "${link}", off the business website ${site}`,
        fix: `link a page on ${site}, or fix business.website if the brand lives there` })));
  },
};

// Hosts whose pages need a sign-in or belong to one person: a reviewer cannot open them.
const PRIVATE_HOSTS = ["drive.google.com", "docs.google.com", "photos.google.com",
  "dropbox.com", "onedrive.live.com", "1drv.ms", "sharepoint.com", "box.com", "icloud.com",
  "notion.so", "airtable.com", "slack.com", "localhost"];
const PRIVATE_SUFFIXES = [".local", ".localhost", ".internal", ".lan", ".corp", ".home.arpa"];
const LOGIN_PATH = /\/(log-?in|sign-?in|signin|auth|oauth|sso|account|my-account|dashboard|admin|settings|portal)(\/|$|\?|#)/i;
const LOGIN_HOST = /^(app|portal|admin|login|auth|dashboard|intranet)\./i;

function privateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 6) return /^(::1?$|f[cd]|fe[89ab]|::ffff:)/i.test(bare);
  if (isIP(bare) !== 4) return false;
  const [a, b] = bare.split(".").map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254)
    || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
    || (a === 100 && b >= 64 && b <= 127);
}

function optInUrlProblem(raw: string): { problem: string; fix: string } | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `${quoteValue(raw)} is not a URL`, fix: "write the full https:// address" };
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== "https:") {
    return { problem: `${quoteValue(raw)} is not https`, fix: "host it on https" };
  }
  if (privateAddress(host) || PRIVATE_HOSTS.some((h) => onSite(host, h))
    || PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix))
    || (!host.includes(".") && isIP(host.replace(/^\[|\]$/g, "")) === 0)) {
    return { problem: `${quoteValue(raw)} is on a private host or drive, not public`,
      fix: "publish it on the business website where anyone can open it" };
  }
  if (LOGIN_PATH.test(url.pathname) || LOGIN_HOST.test(host)) {
    return { problem: `${quoteValue(raw)} looks like a page behind a sign-in`,
      fix: "link a public page or screenshot that opens without logging in" };
  }
  return undefined;
}

/** Opt-in URLs are public https pages a reviewer can open without signing in (30509). */
export const optInUrlPublic: Rule = {
  id: "opt-in-url-public",
  severity: "error",
  code: 30509,
  description: "Opt-in image URLs are public https URLs: no login pages, private drives, "
    + "localhost or private addresses.",
  check: ({ spec: { compliance } }) => compliance.optIn.imageUrls.flatMap((raw, i): Finding[] => {
    const found = optInUrlProblem(raw);
    return found ? [{ path: `${C}.optIn.imageUrls[${i}]`, ...found }] : [];
  }),
};
