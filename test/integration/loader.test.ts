import { join } from "node:path";

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";

import { checkSource } from "../../src/integration/check-source";
import { loadIntegrations } from "../../src/integration/loader";
import type { Problem } from "../../src/integration/problem";
import { MAX_FILE_BYTES } from "../../src/integration/source-text";
import { edit, INTAKE_NAMES, integrationText, lineOf, REPO, tempDir } from "./fixtures";

const brightsmile = integrationText("brightsmile-dental");

const ALIAS_BOMB = [
  "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
].join("\n");

async function problemsOfFile(content: string | Uint8Array): Promise<Problem[]> {
  const dir = tempDir({ "brightsmile-dental.yaml": content });
  return (await loadIntegrations([dir])).problems;
}

describe("loadIntegrations", () => {
  it("loads the four intake-based integrations with no problem", async () => {
    const result = await loadIntegrations([join(REPO, "integrations")]);

    expect(result.problems).toEqual([]);
    expect(result.integrations.map((i) => i.name)).toEqual([...INTAKE_NAMES]);
  });

  it("applies defaults and locates paths in the file", async () => {
    const text = brightsmile.replace("    releaseOnDelete: false\n", "")
      .replace("    ageGatedContent: false\n", "");
    const dir = tempDir({ "brightsmile-dental.yaml": text });

    const [loaded] = (await loadIntegrations([dir])).integrations;

    expect(loaded.integration.spec.number.releaseOnDelete).toBe(false);
    expect(loaded.integration.spec.compliance.ageGatedContent).toBe(false);
    expect(loaded.locate("spec.compliance.business.contact.email"))
      .toEqual({ line: lineOf(text, "dana.whitfield@"), column: 16 });
  });

  it.each([
    ["malformed YAML", "apiVersion: sms-integrations/v1\nspec: [unclosed\n", "yaml-syntax", 3],
    ["a duplicate key", brightsmile.replace("kind: SmsIntegration", "kind: SmsIntegration\n"
      + "kind: SmsIntegration"), "yaml-duplicate-key", lineOf(brightsmile, "kind:") + 1],
    ["an alias bomb", ALIAS_BOMB, "yaml-alias-limit", 1],
    ["two documents in one file", `${brightsmile}---\n${brightsmile}`, "yaml-syntax",
      brightsmile.split("\n").length],
    ["absurdly deep nesting", `a: ${"[".repeat(20_000)}`, "yaml-syntax", 1],
    ["an empty file", "\n  \n", "file-empty", 1],
    ["a document that is not a mapping", "- just\n- a list\n", "schema", 1],
  ])("reports %s as %s with a clear one-line message", async (_name, content, rule, line) => {
    const problems = await problemsOfFile(content);

    expect(problems[0]).toMatchObject({ rule, severity: "error", line });
    expect(problems.length).toBeLessThanOrEqual(11);
    for (const problem of problems) expect(problem.message).not.toMatch(/\n|\bat .*\.ts:/);
  });

  it("names the key written twice", async () => {
    const problems = await problemsOfFile(edit(brightsmile, [["      type: PRIVATE_PROFIT\n",
      "      type: PRIVATE_PROFIT\n      type: SOLE_PROPRIETOR\n"]]));

    expect(problems).toEqual([expect.objectContaining({ rule: "yaml-duplicate-key",
      line: lineOf(brightsmile, "type: PRIVATE_PROFIT") + 1,
      message: "YAML: the key \"type\" is written twice in the same mapping; keep one" })]);
  });

  it("refuses a file that is not UTF-8 and points at the bad byte", async () => {
    const latin1 = Buffer.from(brightsmile.replace("Springfield", "Montr\u00e9al"), "latin1");

    const problems = await problemsOfFile(latin1);

    expect(problems).toEqual([expect.objectContaining({ rule: "file-encoding",
      line: lineOf(brightsmile, "Springfield"), message: expect.stringContaining("UTF-8") })]);
  });

  it("refuses a huge file without parsing it", async () => {
    const huge = `${brightsmile}\n# ${"x".repeat(MAX_FILE_BYTES)}\n`;

    const problems = await problemsOfFile(huge);

    expect(problems).toEqual([expect.objectContaining({ rule: "file-too-large",
      message: expect.stringContaining(`${MAX_FILE_BYTES}-byte limit`) })]);
  });

  it("accepts a UTF-8 byte-order mark", async () => {
    const problems = await problemsOfFile(`\ufeff${brightsmile}`);

    expect(problems).toEqual([]);
  });

  it("reports a path that does not exist instead of throwing", async () => {
    const result = await loadIntegrations(["/nonexistent/integrations"]);

    expect(result.problems).toEqual([expect.objectContaining({ rule: "file-read",
      file: "/nonexistent/integrations", message: expect.stringContaining("does not exist") })]);
  });

  it("reads only .yaml and .yml files of a directory", async () => {
    const dir = tempDir({ "brightsmile-dental.yml": brightsmile, "README.md": "# notes\n" });

    const result = await loadIntegrations([dir]);

    expect(result.files).toEqual([join(dir, "brightsmile-dental.yml")]);
    expect(result.problems).toEqual([]);
  });
});

describe("checkSource on arbitrary input", () => {
  const wellFormed = (problem: Problem) =>
    problem.line >= 1 && problem.column >= 1 && problem.message.length > 0
    && !problem.message.includes("\n") && ["error", "warning"].includes(problem.severity);

  it("never throws on arbitrary bytes, and every problem is located", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const check = checkSource("fuzz.yaml", bytes);
      return check.problems.every(wellFormed);
    }), { numRuns: 500 });
  });

  it("never throws on arbitrary text, including YAML punctuation", () => {
    const yamlish = fc.string({ unit: fc.constantFrom(..."ab:-[]{}&*!|>'\"#%@`,? \n\t\\") ,
      maxLength: 400 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 400 }), yamlish), (text) => {
      const check = checkSource("fuzz.yaml", Buffer.from(text));
      return check.problems.every(wellFormed);
    }), { numRuns: 1000 });
  });

  it("never throws on arbitrary YAML values, and never accepts one without problems", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      const check = checkSource("fuzz.yaml", Buffer.from(stringify(value)));
      return check.problems.every(wellFormed) && check.problems.length > 0;
    }), { numRuns: 500 });
  });

  it("never throws when an intake-based file is cut or spliced anywhere", () => {
    fc.assert(fc.property(fc.nat(brightsmile.length), fc.nat(brightsmile.length),
      fc.string({ maxLength: 20 }), (start, end, insert) => {
        const text = brightsmile.slice(0, Math.min(start, end)) + insert
          + brightsmile.slice(Math.max(start, end));
        const check = checkSource("brightsmile-dental.yaml", Buffer.from(text));
        return check.problems.every(wellFormed);
      }), { numRuns: 500 });
  });
});
