import { describe, expect, it } from "vitest";

import { checkSource } from "../../src/integration/check-source";
import type { Problem } from "../../src/integration/problem";
import { edit, type Edit, integrationText, lineOf } from "./fixtures";

const FILE = "riverbend-food-bank.yaml";
const riverbend = integrationText("riverbend-food-bank");

// A Campaign Verify token of the form the political-vetting rule accepts, `length` long.
const UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const token = (length: number) => {
  const head = `cv|1.0|tcr|tfree|${UUID}|`;
  return head + "s".repeat(length - head.length);
};

interface Field {
  path: string;
  max: number;
  /** Writes the field with a value of `length` characters. */
  edit(length: number): Edit[];
  line: string;
}

// A message of `length` characters that still names the business and says how to opt out.
const message = (length: number) => {
  const text = "Riverbend Food Bank: Reply STOP to opt out. ";
  return text + "x".repeat(length - text.length);
};

const FIELDS: Field[] = [
  { path: "spec.compliance.useCase.messageSamples[0]", max: 1600, line: "- \"Riverbend",
    edit: (n) => [[/messageSamples:\n {8}- >-\n(.*\n){2}/,
      `messageSamples:\n        - "${message(n)}"\n`]] },
  { path: "spec.compliance.helpMessage", max: 1600, line: "helpMessage:",
    edit: (n) => [[/helpMessage: >-\n(.*\n){2}/, `helpMessage: "${message(n)}"\n`]] },
  { path: "spec.compliance.optIn.confirmationMessage", max: 1600, line: "confirmationMessage:",
    edit: (n) => [["      type: PAPER_FORM\n",
      `      type: PAPER_FORM\n      confirmationMessage: "${message(n)}"\n`]] },
  { path: "spec.compliance.vetting.id", max: 500, line: "vetting:",
    edit: (n) => [["    ageGatedContent: false", "    ageGatedContent: false\n"
      + `    vetting: { provider: CAMPAIGN_VERIFY, id: "${token(n)}" }`]] },
];

function lengthProblems(edits: Edit[]): { text: string; problems: Problem[] } {
  const text = edit(riverbend, edits);
  const { problems } = checkSource(FILE, Buffer.from(text));
  return { text, problems: problems.filter((p) => p.rule === "text-length") };
}

describe("text-length", () => {
  it.each(FIELDS)("accepts $path at its limit of $max characters", (f) => {
    expect(lengthProblems(f.edit(f.max)).problems).toEqual([]);
  });

  it.each(FIELDS)("refuses $path one character past $max, citing the limit", (f) => {
    const { text, problems } = lengthProblems(f.edit(f.max + 1));

    expect(problems).toEqual([expect.objectContaining({ file: FILE, path: f.path,
      severity: "error", line: lineOf(text, f.line) })]);
    expect(problems[0]?.message).toContain(
      `is ${(f.max + 1).toLocaleString("en-US")} characters, over the limit: Twilio `);
    expect(problems[0]?.message).toContain(`at most ${f.max.toLocaleString("en-US")} characters`);
    expect(problems[0]?.message).toContain("shorten it by at least 1 character");
  });
});
