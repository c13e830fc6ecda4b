import { describe, expect, it } from "vitest";

import { checkSource } from "../../src/integration/check-source";
import type { Problem } from "../../src/integration/problem";
import { edit, type Edit, integrationText, lineOf } from "./fixtures";

const northside = integrationText("northside-bakery");
const FILE = "northside-bakery.yaml";

/** A YAML double-quoted escape for one character, as an editor or a generator writes it. */
const escape = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

interface Field {
  path: string;
  /** The field as the intake file writes it. */
  from: string | RegExp;
  /** The field written again, its value double-quoted: `"${value}"`. */
  write(value: string): string;
  /** The value up to the hidden character, and after it. */
  before: string;
  after: string;
  /** Text on the line the problem points at. */
  line: string;
}

const SAMPLE_0 = /- >-\n {10}Northside Bakery: Fresh paczki.*\n.*opt out\./;

const FIELDS: Field[] = [
  { path: "spec.compliance.business.legalName", from: "legalName: Maria Kowalski",
    write: (v) => `legalName: ${v}`, before: "Maria ", after: "Kowalski", line: "legalName:" },
  { path: "spec.compliance.business.doingBusinessAs", from: "doingBusinessAs: Northside Bakery",
    write: (v) => `doingBusinessAs: ${v}`, before: "Northside ", after: "Bakery",
    line: "doingBusinessAs:" },
  { path: "spec.compliance.business.website", from: "website: https://northsidebakery.example",
    write: (v) => `website: ${v}`, before: "https://northsidebakery.example/a", after: "b",
    line: "website:" },
  { path: "spec.compliance.business.address.street", from: "street: 48 Wells Street",
    write: (v) => `street: ${v}`, before: "48 Wells", after: " Street", line: "street:" },
  { path: "spec.compliance.business.contact.firstName", from: "firstName: Maria",
    write: (v) => `firstName: ${v}`, before: "Ma", after: "ria", line: "firstName:" },
  { path: "spec.agent.id", from: "id: agt_01HZX3KBNORTHSIDE", write: (v) => `id: ${v}`,
    before: "agt_01HZX3KB", after: "NORTHSIDE", line: "id: \"agt_" },
  { path: "spec.compliance.useCase.summary", from: /summary: >-\n(.*\n){4}/,
    write: (v) => `summary: ${v}\n`, before: "Customers join the ",
    after: "Northside Bakery text club by texting TREATS, as shown at the counter.",
    line: "summary:" },
  { path: "spec.compliance.useCase.messageSamples[0]", from: SAMPLE_0, write: (v) => `- ${v}`,
    before: "Northside Bakery: Fresh ", after: "paczki! Reply STOP to opt out.",
    line: "Northside Bakery: Fresh" },
  { path: "spec.compliance.optIn.keywords[0]", from: "keywords: [TREATS]",
    write: (v) => `keywords: [${v}]`, before: "TRE", after: "ATS", line: "keywords:" },
  { path: "spec.compliance.optIn.imageUrls[0]",
    from: "- https://northsidebakery.example/img/counter-sign-text-treats.jpg",
    write: (v) => `- ${v}`, before: "https://northsidebakery.example/img/counter-",
    after: "sign.jpg", line: "counter-" },
  { path: "spec.compliance.optIn.confirmationMessage",
    from: /confirmationMessage: >-\n.*\n.*cancel\./, write: (v) => `confirmationMessage: ${v}`,
    before: "Northside Bakery: ", after: "Welcome! Reply HELP for help, STOP to cancel.",
    line: "confirmationMessage:" },
  { path: "spec.compliance.helpMessage", from: /helpMessage: >-\n.*\n.*opt out\./,
    write: (v) => `helpMessage: ${v}`, before: "",
    after: "Northside Bakery: Call (414) 555-0100. Reply STOP to opt out.",
    line: "helpMessage:" },
  { path: "spec.compliance.privacyPolicyUrl",
    from: "privacyPolicyUrl: https://northsidebakery.example/privacy",
    write: (v) => `privacyPolicyUrl: ${v}`, before: "https://northsidebakery.example/priv",
    after: "acy", line: "privacyPolicyUrl:" },
];

/** `field` written with `hidden` (YAML double-quoted source text) after its `before`. */
const withHidden = (f: Field, hidden: string): Edit =>
  [f.from, f.write(`"${f.before}${hidden}${f.after}"`)];

/** The 1-based character of the value where the hidden character sits. */
const positionIn = (f: Field) => [...f.before].length + 1;

const field = (path: string) => FIELDS.find((f) => f.path === path)!;
const LEGAL_NAME = field("spec.compliance.business.legalName");
const SAMPLE = field("spec.compliance.useCase.messageSamples[0]");

// Every kind the rule names: C0 and C1 controls, zero-width characters, word joiner,
// byte-order mark, and the bidi marks, embeddings, overrides and isolates.
const CHARACTERS: [name: string, code: number][] = [
  ["NUL", 0x00], ["bell", 0x07], ["backspace", 0x08], ["carriage return", 0x0d],
  ["escape", 0x1b], ["delete", 0x7f], ["next line (C1)", 0x85], ["C1 control", 0x9f],
  ["zero-width space", 0x200b], ["zero-width non-joiner", 0x200c],
  ["zero-width joiner", 0x200d], ["left-to-right mark", 0x200e], ["right-to-left mark", 0x200f],
  ["left-to-right embedding", 0x202a], ["right-to-left embedding", 0x202b],
  ["pop directional formatting", 0x202c], ["left-to-right override", 0x202d],
  ["right-to-left override", 0x202e], ["word joiner", 0x2060],
  ["left-to-right isolate", 0x2066], ["right-to-left isolate", 0x2067],
  ["first strong isolate", 0x2068], ["pop directional isolate", 0x2069],
  ["byte-order mark", 0xfeff], ["Arabic letter mark", 0x061c],
];

function check(edits: Edit[]): { text: string; problems: Problem[] } {
  const text = edit(northside, edits);
  return { text, problems: checkSource(FILE, Buffer.from(text)).problems };
}

function hiddenProblem(problems: Problem[], path: string): Problem | undefined {
  return problems.find((p) => p.rule === "no-hidden-characters" && p.path === path);
}

// A message must show hidden characters as <U+XXXX>, never as themselves.
const SHOWN_RAW = new RegExp("[\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e"
  + "\\u2060\\u2066-\\u2069\\ufeff]");

const codeOf = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

describe("no-hidden-characters", () => {
  it.each(CHARACTERS.flatMap(([name, code]) => [LEGAL_NAME, SAMPLE]
    .map((f) => ({ name, code, f }))))(
    "refuses a $name in $f.path, naming it, where it sits and the fix",
    ({ code, f }) => {
      const { text, problems } = check([withHidden(f, escape(code))]);

      const problem = hiddenProblem(problems, f.path);
      expect(problem, JSON.stringify(problems, null, 2)).toMatchObject({
        file: FILE, severity: "error", line: lineOf(text, f.line) });
      expect(problem?.code).toBeUndefined();
      expect(problem?.message).toContain(`${f.path}: has the hidden character ${codeOf(code)} `);
      expect(problem?.message).toContain(`at character ${positionIn(f)}`);
      expect(problem?.message).toContain(`<${codeOf(code)}>`);
      expect(problem?.message).toContain("delete it");
      expect(problem?.message).not.toMatch(SHOWN_RAW);
    });

  it.each(FIELDS)("refuses a right-to-left override in $path", (f) => {
    const { text, problems } = check([withHidden(f, escape(0x202e))]);

    const problem = hiddenProblem(problems, f.path);
    expect(problem, JSON.stringify(problems, null, 2)).toMatchObject({
      line: lineOf(text, f.line) });
    expect(problem?.message)
      .toContain(`U+202E (right-to-left override) at character ${positionIn(f)}`);
  });

  it.each(["\u200b", "\u202e", "\ufeff"].map((c) => [codeOf(c.charCodeAt(0)), c]))(
    "refuses %s pasted into a plain value as it is", (code, c) => {
      const { problems } = check([["legalName: Maria Kowalski", `legalName: Maria ${c}Kowalski`]]);

      expect(hiddenProblem(problems, LEGAL_NAME.path)?.message)
        .toContain(`${code} (`);
    });

  it.each([["tab", "\\t"], ["line break", "\\n"]])(
    "accepts a %s in a sample message, a multi-line text", (_name, hidden) => {
      const { problems } = check([withHidden(SAMPLE, hidden)]);

      expect(problems).toEqual([]);
    });

  it.each([["tab", "\\t", "U+0009"], ["line break", "\\n", "U+000A"]])(
    "refuses a %s in the business name, a one-line text", (_name, hidden, code) => {
      const { problems } = check([withHidden(LEGAL_NAME, hidden)]);

      expect(hiddenProblem(problems, LEGAL_NAME.path)?.message).toContain(code);
    });

  it("refuses a line break in a business name written as a block", () => {
    const { problems } = check([["legalName: Maria Kowalski",
      "legalName: |-\n        Maria\n        Kowalski"]]);

    expect(hiddenProblem(problems, LEGAL_NAME.path)?.message)
      .toContain("U+000A (line break) at character 6");
  });

  it("accepts zero-width joiners that build an emoji", () => {
    const { problems } = check([withHidden(SAMPLE, "\u{1f468}\u200d\u{1f469}\u200d\u{1f467} ")]);

    expect(problems).toEqual([]);
  });

  it("reports a value once, counting the other hidden characters in it", () => {
    const { problems } = check([withHidden(LEGAL_NAME, `${escape(0x200b)}${escape(0x200b)}\\0`)]);

    expect(problems.map((p) => p.rule)).toEqual(["no-hidden-characters"]);
    expect(problems[0]?.message).toContain("U+200B (zero-width space) at character 7 and 2 more");
  });

  it("accepts a file written with Windows line endings", () => {
    const { problems } = check([[/\n/g, "\r\n"]]);

    expect(problems).toEqual([]);
  });
});
