import { describe, expect, it } from "vitest";

import { loadIntegrations } from "../../src/integration/loader";
import type { Problem } from "../../src/integration/problem";
import { RULES } from "../../src/integration/rules";
import { edit, type Edit, type IntakeName, integrationText, lineOf, tempDir } from "./fixtures";

interface Case {
  name: string;
  base: IntakeName;
  edits: Edit[];
  rule: string;
  path: string;
  /** Text on the line the problem must point at. */
  line: string;
  severity?: "error" | "warning";
  code?: number;
  /** Text the message must contain (the quoted value or the fix). */
  says?: string;
}

// A block sample replaced by a one-line sample, so the line a problem points at is unique.
const NORTHSIDE_SAMPLE_0 = [
  "- >-\n          Northside Bakery: Fresh paczki are back this Saturday! Pre-order at\n"
    + "          northsidebakery.example/order. Reply STOP to opt out.",
] as const;
const oneLineNorthsideSample = (text: string): Edit => [NORTHSIDE_SAMPLE_0[0], `- "${text}"`];

const BRIGHTSMILE_HELP = /helpMessage: >-\n.*\n.*opt out\./;
const oneLineBrightsmileHelp = (text: string): Edit => [BRIGHTSMILE_HELP, `helpMessage: "${text}"`];

const cases: Case[] = [
  // numbers
  { name: "an existing number not written in E.164", base: "northside-bakery",
    edits: [['existing: "+18885550142"', 'existing: "+1 888 555 0142"']], rule: "phone-e164",
    path: "spec.number.existing", line: "+1 888 555 0142", says: "write it as +18885550142" },
  { name: "a contact phone that is not a phone number", base: "brightsmile-dental",
    edits: [['phone: "+12175550134"', 'phone: "217-555-01"']], rule: "phone-e164",
    path: "spec.compliance.business.contact.phone", line: "217-555-01", says: "\"217-555-01\"" },
  { name: "an existing local number (+13125550188)", base: "northside-bakery",
    edits: [['existing: "+18885550142"', 'existing: "+13125550188"']], rule: "number-toll-free",
    path: "spec.number.existing", line: "+13125550188", says: "local number (area code 312)" },
  { name: "an existing number outside the US and Canada", base: "northside-bakery",
    edits: [['existing: "+18885550142"', 'existing: "+442079460958"']],
    rule: "number-toll-free", path: "spec.number.existing", line: "+442079460958",
    says: "not a US/CA number" },
  { name: "a purchase in a local area code", base: "brightsmile-dental",
    edits: [['areaCode: "833"', 'areaCode: "312"']], rule: "purchase-area-code",
    path: "spec.number.purchase.areaCode", line: 'areaCode: "312"', says: "800, 833" },

  // business address
  { name: "a US state written out", base: "brightsmile-dental",
    edits: [["region: IL", "region: Illinois"]], rule: "address-format",
    path: "spec.compliance.business.address.region", line: "region: Illinois",
    code: 30451, says: "\"Illinois\" is not a US region code" },
  { name: "a four-digit ZIP code", base: "brightsmile-dental",
    edits: [['postalCode: "62704"', 'postalCode: "6270"']], rule: "address-format",
    path: "spec.compliance.business.address.postalCode", line: 'postalCode: "6270"',
    code: 30451, says: "62704-1234" },
  { name: "a US state in a Canadian address", base: "quickfix-plumbing",
    edits: [['region: "ON"', "region: IL"]], rule: "address-format",
    path: "spec.compliance.business.address.region", line: "region: IL",
    code: 30451, says: "not a CA region code" },

  // verification conditionals
  { name: "a PRIVATE_PROFIT business without a registration number", base: "brightsmile-dental",
    edits: [['        number: "84-1234567"\n', ""]], rule: "registration-required",
    path: "spec.compliance.business.registration.number", line: "registration:", code: 30527 },
  { name: "a PRIVATE_PROFIT business without any registration", base: "quickfix-plumbing",
    edits: [[/ {6}registration:\n(.*\n){3}/, ""]], rule: "registration-required",
    path: "spec.compliance.business.registration.country", line: "    business:", code: 30527 },
  { name: "a VERBAL opt-in without its script", base: "quickfix-plumbing",
    edits: [[/ {6}verbalScript: >-\n(.*\n){3}/, ""]], rule: "verbal-script",
    path: "spec.compliance.optIn.verbalScript", line: "optIn:", code: 30511 },
  { name: "a VIA_TEXT opt-in without keywords", base: "northside-bakery",
    edits: [["      keywords: [TREATS]\n", ""]], rule: "text-keywords",
    path: "spec.compliance.optIn.keywords", line: "optIn:" },
  { name: "an opt-in keyword that is Twilio's STOP", base: "northside-bakery",
    edits: [["keywords: [TREATS]", "keywords: [TREATS, stop]"], ["texting TREATS", "texting"]],
    rule: "text-keywords", path: "spec.compliance.optIn.keywords[1]", line: "keywords: [",
    says: "\"stop\"" },
  { name: "a political campaign without vetting", base: "riverbend-food-bank",
    edits: [["categories: [CHARITY_NONPROFIT,", "categories: [POLITICAL_ELECTION_CAMPAIGNS,"]],
    rule: "political-vetting", path: "spec.compliance.vetting", line: "  compliance:",
    code: 30501 },
  { name: "a political campaign with a malformed Campaign Verify token",
    base: "riverbend-food-bank",
    edits: [["categories: [CHARITY_NONPROFIT,", "categories: [POLITICAL_ELECTION_CAMPAIGNS,"],
      ["    ageGatedContent: false", "    ageGatedContent: false\n"
        + "    vetting: { provider: CAMPAIGN_VERIFY, id: cv-token-123 }"]],
    rule: "political-vetting", path: "spec.compliance.vetting.id", line: "cv-token-123",
    code: 30501, says: "\"cv-token-123\"" },
  { name: "age-gated content without evidence of the gate", base: "brightsmile-dental",
    edits: [["ageGatedContent: false", "ageGatedContent: true"]], rule: "age-gate-evidence",
    path: "spec.compliance.ageGate", line: "  compliance:", code: 30448 },

  // message content
  { name: "a sample that does not name the business", base: "northside-bakery",
    edits: [oneLineNorthsideSample("Fresh paczki are back! Reply STOP to opt out.")],
    rule: "sample-names-business", path: "spec.compliance.useCase.messageSamples[0]",
    line: "Fresh paczki are back!", says: "Northside Bakery: …" },
  { name: "a sample without opt-out wording", base: "northside-bakery",
    edits: [oneLineNorthsideSample("Northside Bakery: Fresh paczki are back this Saturday!")],
    rule: "sample-opt-out", path: "spec.compliance.useCase.messageSamples[0]",
    line: "Fresh paczki are back this Saturday!\"", says: "Reply STOP to opt out" },
  { name: "a sample with a shortened link", base: "northside-bakery",
    edits: [oneLineNorthsideSample("Northside Bakery: Pre-order at bit.ly/3xYzPq. Reply STOP.")],
    rule: "no-url-shortener", path: "spec.compliance.useCase.messageSamples[0]",
    line: "bit.ly/3xYzPq", code: 30449, says: "\"bit.ly/3xYzPq\"" },
  { name: "a help message with a shortened link", base: "brightsmile-dental",
    edits: [oneLineBrightsmileHelp("BrightSmile Dental: see https://tinyurl.com/bsd-help")],
    rule: "no-url-shortener", path: "spec.compliance.helpMessage", line: "tinyurl.com",
    code: 30449 },
  { name: "a sample with an http:// link", base: "northside-bakery",
    edits: [oneLineNorthsideSample(
      "Northside Bakery: Pre-order at http://northsidebakery.example/order. Reply STOP.")],
    rule: "https-links", path: "spec.compliance.useCase.messageSamples[0]",
    line: "http://northsidebakery", code: 30471, says: "https://northsidebakery.example/order" },
  { name: "a sample linking off the business website", base: "northside-bakery",
    edits: [oneLineNorthsideSample(
      "Northside Bakery: Pre-order at https://orders.shopify.example/nb. Reply STOP.")],
    rule: "link-domain", path: "spec.compliance.useCase.messageSamples[0]",
    line: "orders.shopify.example", severity: "warning", says: "northsidebakery.example" },
  { name: "an opt-in URL behind a login", base: "brightsmile-dental",
    edits: [["- https://www.brightsmile-dental.example/patients/text-reminders",
      "- https://www.brightsmile-dental.example/login?next=/sms"]],
    rule: "opt-in-url-public", path: "spec.compliance.optIn.imageUrls[0]", line: "/login?next",
    code: 30509, says: "sign-in" },
  { name: "an opt-in URL on a private drive", base: "brightsmile-dental",
    edits: [["- https://www.brightsmile-dental.example/images/sms-consent-checkbox.png",
      "- https://drive.google.com/file/d/1AbC/view"]],
    rule: "opt-in-url-public", path: "spec.compliance.optIn.imageUrls[1]",
    line: "drive.google.com", code: 30509, says: "private" },
  { name: "an opt-in URL over plain http", base: "riverbend-food-bank",
    edits: [["- https://www.riverbendfoodbank.example/forms",
      "- http://www.riverbendfoodbank.example/forms"]],
    rule: "opt-in-url-public", path: "spec.compliance.optIn.imageUrls[0]",
    line: "http://www.riverbendfoodbank", code: 30509, says: "not https" },
  { name: "an opt-in URL on localhost", base: "quickfix-plumbing",
    edits: [["- https://quickfixplumbing.example/docs/", "- https://localhost:8443/docs/"]],
    rule: "opt-in-url-public", path: "spec.compliance.optIn.imageUrls[0]", line: "localhost",
    code: 30509 },
  { name: "an opt-in URL on a private address", base: "quickfix-plumbing",
    edits: [["- https://quickfixplumbing.example/docs/", "- https://192.168.1.20/docs/"]],
    rule: "opt-in-url-public", path: "spec.compliance.optIn.imageUrls[0]", line: "192.168.1.20",
    code: 30509 },

  // contacts
  { name: "a free-mail contact e-mail for a business with its own domain",
    base: "brightsmile-dental",
    edits: [["email: dana.whitfield@brightsmile-dental.example", "email: dana.w@gmail.com"]],
    rule: "free-mail-email", path: "spec.compliance.business.contact.email",
    line: "dana.w@gmail.com", severity: "warning", code: 30482, says: "brightsmile-dental" },
  { name: "a free-mail notification e-mail", base: "riverbend-food-bank",
    edits: [["notificationEmail: it@riverbendfoodbank.example",
      "notificationEmail: riverbend.pantry@yahoo.com"]],
    rule: "free-mail-email", path: "spec.compliance.notificationEmail", line: "@yahoo.com",
    severity: "warning", code: 30482 },
  { name: "a role as the contact's name", base: "brightsmile-dental",
    edits: [["firstName: Dana", "firstName: Admin"]], rule: "contact-is-person",
    path: "spec.compliance.business.contact.firstName", line: "firstName: Admin",
    severity: "warning", code: 30483, says: "\"Admin\"" },
  { name: "a shared inbox as the contact's e-mail", base: "quickfix-plumbing",
    edits: [["email: priya@quickfixplumbing.example", "email: info@quickfixplumbing.example"]],
    rule: "contact-is-person", path: "spec.compliance.business.contact.email",
    line: "email: info@", severity: "warning", code: 30483 },

  // use case
  { name: "a use-case summary too short to review", base: "northside-bakery",
    edits: [[/summary: >-\n(.*\n){4}/, "summary: Bakery specials by text.\n"]],
    rule: "use-case-summary-length", path: "spec.compliance.useCase.summary",
    line: "summary: Bakery specials", code: 30497, says: "\"Bakery specials by text.\"" },
  { name: "marketing mixed with transactional messages under one opt-in",
    base: "brightsmile-dental",
    edits: [["categories: [ACCOUNT_NOTIFICATIONS, CUSTOMER_CARE]",
      "categories: [MARKETING, ACCOUNT_NOTIFICATIONS]"]],
    rule: "mixed-consent", path: "spec.compliance.useCase.categories", line: "categories:",
    severity: "warning", code: 30504, says: "ACCOUNT_NOTIFICATIONS" },
  { name: "a help message asking toll-free users to reply YES", base: "brightsmile-dental",
    edits: [oneLineBrightsmileHelp("BrightSmile Dental: Reply YES to get texts again.")],
    rule: "help-reply-yes", path: "spec.compliance.helpMessage", line: "Reply YES",
    says: "START" },
  { name: "a summary about CBD", base: "northside-bakery",
    edits: [[/summary: >-\n(.*\n){4}/,
      "summary: Northside Bakery texts club members about our new CBD cookies and specials.\n"]],
    rule: "disallowed-content", path: "spec.compliance.useCase.summary", line: "CBD cookies",
    code: 30459, says: "cannot be resubmitted" },
  { name: "a sample announcing sweepstakes", base: "northside-bakery",
    edits: [oneLineNorthsideSample("Northside Bakery: Enter our sweepstakes! Reply STOP.")],
    rule: "disallowed-content", path: "spec.compliance.useCase.messageSamples[0]",
    line: "Enter our sweepstakes", code: 30462, says: "\"sweepstakes\"" },

  // hidden characters
  { name: "a zero-width space pasted into the business name", base: "brightsmile-dental",
    edits: [["legalName: BrightSmile", "legalName: Bright\u200bSmile"]],
    rule: "no-hidden-characters", path: "spec.compliance.business.legalName",
    line: "legalName: Bright", says: "U+200B (zero-width space) at character 7" },

  // lengths
  { name: "a help message longer than Twilio sends", base: "brightsmile-dental",
    edits: [oneLineBrightsmileHelp(`BrightSmile Dental: ${"call us ".repeat(200)}`)],
    rule: "text-length", path: "spec.compliance.helpMessage", line: "call us call us",
    says: "is 1,619 characters, over the limit: Twilio sends a message body of at most 1,600" },

  // shape
  { name: "a misspelt key", base: "brightsmile-dental",
    edits: [["legalName: BrightSmile", "legalname: BrightSmile"]], rule: "schema",
    path: "spec.compliance.business.legalname", line: "legalname:", says: "did you mean \"legalName\"" },
  { name: "categories written as one comma-joined string", base: "brightsmile-dental",
    edits: [["categories: [ACCOUNT_NOTIFICATIONS, CUSTOMER_CARE]",
      "categories: \"ACCOUNT_NOTIFICATIONS,CUSTOMER_CARE\""]], rule: "schema",
    path: "spec.compliance.useCase.categories", line: "categories:", says: "expected a list" },
  { name: "a use-case category Twilio does not have", base: "brightsmile-dental",
    edits: [["categories: [ACCOUNT_NOTIFICATIONS, CUSTOMER_CARE]",
      "categories: [ACCOUNT_NOTIFICATIONS, APPOINTMENTS]"]], rule: "schema",
    path: "spec.compliance.useCase.categories[1]", line: "APPOINTMENTS", says: "\"APPOINTMENTS\"" },
  { name: "a monthly volume that is not a Twilio tier", base: "brightsmile-dental",
    edits: [['monthlyVolume: "1,000"', 'monthlyVolume: "1000"']], rule: "schema",
    path: "spec.compliance.useCase.monthlyVolume", line: "monthlyVolume:",
    says: "did you mean 1,000?" },
  { name: "an unquoted area code", base: "brightsmile-dental",
    edits: [['areaCode: "833"', "areaCode: 833"]], rule: "schema",
    path: "spec.number.purchase.areaCode", line: "areaCode: 833", says: "quote it: \"833\"" },
  { name: "a purchase country outside the US and Canada", base: "quickfix-plumbing",
    edits: [["country: CA, areaCode", "country: MX, areaCode"]], rule: "schema",
    path: "spec.number.purchase.country", line: "country: MX", says: "\"MX\" is not one of US, CA" },
  { name: "both purchase and existing", base: "brightsmile-dental",
    edits: [["    releaseOnDelete: false", '    existing: "+18885550142"\n    releaseOnDelete: false']],
    rule: "schema", path: "spec.number", line: "purchase:",
    says: "set exactly one of purchase or existing" },
  { name: "a missing agent id", base: "riverbend-food-bank",
    edits: [["    id: agt_01HZX3KDRIVERBEND", "    name: riverbend"]], rule: "schema",
    path: "spec.agent.id", line: "agent:", says: "is missing" },
  { name: "a wrong apiVersion", base: "northside-bakery",
    edits: [["apiVersion: sms-integrations/v1", "apiVersion: v1"]], rule: "schema",
    path: "apiVersion", line: "apiVersion: v1", says: "must be \"sms-integrations/v1\"" },
];

async function problemsOf(base: IntakeName, edits: Edit[]): Promise<{ text: string;
  problems: Problem[] }> {
  const text = edit(integrationText(base), edits);
  const dir = tempDir({ [`${base}.yaml`]: text });
  return { text, problems: (await loadIntegrations([dir])).problems };
}

describe("named rules", () => {
  it.each(cases)("reports $name as $rule at $path", async (c) => {
    const { text, problems } = await problemsOf(c.base, c.edits);

    const problem = problems.find((p) => p.rule === c.rule && p.path === c.path);
    expect(problem, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(problem).toMatchObject({ severity: c.severity ?? "error", line: lineOf(text, c.line) });
    expect(problem?.code).toBe(c.code);
    expect(problem?.message.startsWith(`${c.path}: `)).toBe(true);
    expect(problem?.message).not.toContain("\n");
    if (c.says) expect(problem?.message).toContain(c.says);
    if (c.code) expect(problem?.message).toContain(`Twilio rejection ${c.code}`);
  });

  it("has at least one invalid case for every named rule", () => {
    const covered = new Set(cases.map((c) => c.rule));
    expect(RULES.map((rule) => rule.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("gives every rule a unique id", () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("reports a problem once per offending value and nothing else", async () => {
    const { problems } = await problemsOf("northside-bakery",
      [['existing: "+18885550142"', 'existing: "+13125550188"']]);

    expect(problems.map((p) => p.rule)).toEqual(["number-toll-free"]);
  });

  it("reports every problem of a file in one run", async () => {
    const { problems } = await problemsOf("brightsmile-dental", [
      ['        number: "84-1234567"\n', ""],
      ["firstName: Dana", "firstName: Admin"],
      ["ageGatedContent: false", "ageGatedContent: true"],
    ]);

    expect(problems.map((p) => p.rule).sort())
      .toEqual(["age-gate-evidence", "contact-is-person", "registration-required"]);
  });
});
