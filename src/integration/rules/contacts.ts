import type { Finding, Rule } from "../rule";
import { quoteValue } from "../yaml-value";
import { websiteHost } from "./links";

const C = "spec.compliance";

// Mail providers anyone can sign up to: an address there does not prove a tie to the business.
const FREE_MAIL = new Set(["gmail.com", "googlemail.com", "yahoo.com", "yahoo.ca", "ymail.com",
  "hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com",
  "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.net", "mail.com", "yandex.com",
  "zoho.com", "comcast.net", "att.net", "verizon.net", "sbcglobal.net", "shaw.ca",
  "rogers.com", "sympatico.ca", "hey.com", "fastmail.com", "tutanota.com"]);

// Site builders and social pages: a business whose website is there has no domain of its own.
const HOSTED_SITES = ["facebook.com", "instagram.com", "linkedin.com", "wixsite.com",
  "business.site", "weebly.com", "godaddysites.com", "square.site", "squarespace.com",
  "wordpress.com", "blogspot.com", "sites.google.com", "yelp.com", "linktr.ee"];

function ownsDomain(host: string | undefined): boolean {
  return host !== undefined
    && !HOSTED_SITES.some((site) => host === site || host.endsWith(`.${site}`));
}

/**
 * Contact and notification e-mails are on the business's domain when it has one: a free-mail
 * address is rejected as not official (30482).
 */
export const freeMailEmail: Rule = {
  id: "free-mail-email",
  severity: "warning",
  code: 30482,
  description: "Contact and notification e-mails are not on free-mail domains while the "
    + "business has its own domain.",
  check: ({ spec: { compliance } }) => {
    const site = websiteHost(compliance);
    if (!ownsDomain(site)) return [];
    const emails = [
      { path: `${C}.business.contact.email`, email: compliance.business.contact.email },
      { path: `${C}.notificationEmail`, email: compliance.notificationEmail },
    ];
    return emails.filter(({ email }) => FREE_MAIL.has(email.split("@")[1]?.toLowerCase() ?? ""))
      .map(({ path, email }) => ({ path, problem: `${quoteValue(email)} is a free-mail address`,
        fix: `use an address on ${site}` }));
  },
};

// Words that name a function, not a person.
const ROLES = new Set(["admin", "administrator", "support", "info", "team", "office", "sales",
  "marketing", "manager", "owner", "contact", "help", "helpdesk", "billing", "compliance", "it",
  "hr", "reception", "frontdesk", "front desk", "customer service", "service", "dispatch",
  "staff", "webmaster", "noreply", "no-reply", "operations", "ops", "accounts", "general",
  "desk", "department", "n/a", "none"]);

const isRole = (word: string) => ROLES.has(word.trim().toLowerCase());

/** The contact is a named person at the business, not a role or a shared inbox (30483). */
export const contactIsPerson: Rule = {
  id: "contact-is-person",
  severity: "warning",
  code: 30483,
  description: "The business contact is a person: names and e-mail are not roles such as "
    + "Admin, Support or info@.",
  check: ({ spec: { compliance: { business: { contact } } } }) => {
    const P = `${C}.business.contact`;
    const local = contact.email.split("@")[0] ?? "";
    const findings: Finding[] = [
      { path: `${P}.firstName`, value: contact.firstName },
      { path: `${P}.lastName`, value: contact.lastName },
    ].filter(({ value }) => isRole(value)).map(({ path, value }) => ({ path,
      problem: `${quoteValue(value)} is a role, not a person's name`,
      fix: "name the person at the business Twilio can reach" }));
    if (isRole(local)) {
      findings.push({ path: `${P}.email`, problem: `${quoteValue(contact.email)} is a shared `
        + "role inbox", fix: "use the person's own address on the business domain" });
    }
    return findings;
  },
};
