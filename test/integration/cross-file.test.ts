import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { loadIntegrations } from "../../src/integration/loader";
import { edit, integrationText, lineOf, tempDir } from "./fixtures";

const northside = integrationText("northside-bakery");

describe("rules across files", () => {
  it("refuses two files with the same existing number, in both files", async () => {
    const copy = edit(northside, [["name: northside-bakery", "name: northside-bakery-east"]]);
    const dir = tempDir({ "northside-bakery.yaml": northside,
      "northside-bakery-east.yaml": copy });

    const { problems } = await loadIntegrations([dir]);

    expect(problems).toHaveLength(2);
    for (const problem of problems) {
      expect(problem).toMatchObject({ rule: "unique-number", path: "spec.number.existing",
        severity: "error", line: lineOf(northside, "existing:") });
    }
    expect(problems[0].message).toContain(join(dir, "northside-bakery.yaml"));
    expect(problems[1].message).toContain(join(dir, "northside-bakery-east.yaml"));
  });

  it("compares numbers in E.164, so differently written copies still collide", async () => {
    const copy = edit(northside, [["name: northside-bakery", "name: northside-bakery-east"],
      ['existing: "+18885550142"', 'existing: "+1 888 555 0142"']]);
    const dir = tempDir({ "northside-bakery.yaml": northside,
      "northside-bakery-east.yaml": copy });

    const { problems } = await loadIntegrations([dir]);

    expect(problems.filter((p) => p.rule === "unique-number")).toHaveLength(2);
  });

  it("refuses two files with the same name in different directories", async () => {
    const other = edit(northside, [['existing: "+18885550142"', 'existing: "+18005550100"']]);
    const first = tempDir({ "northside-bakery.yaml": northside });
    const second = tempDir({ "northside-bakery.yaml": other });

    const { problems } = await loadIntegrations([first, second]);

    const line = lineOf(northside, "name: northside-bakery");
    expect(problems.map((p) => [p.file, p.rule, p.path, p.line]).sort()).toEqual([
      [join(first, "northside-bakery.yaml"), "unique-name", "metadata.name", line],
      [join(second, "northside-bakery.yaml"), "unique-name", "metadata.name", line],
    ].sort());
  });

  it("refuses a file whose name differs from metadata.name", async () => {
    const dir = tempDir({ "northside.yaml": northside });

    const { problems } = await loadIntegrations([dir]);

    expect(problems).toEqual([expect.objectContaining({ rule: "file-name",
      path: "metadata.name", line: lineOf(northside, "name: northside-bakery"),
      message: expect.stringContaining("rename the file to northside-bakery.yaml") })]);
  });

  it("still checks names and numbers of files with shape errors", async () => {
    const broken = edit(northside, [["name: northside-bakery", "name: northside-bakery-east"],
      ["categories: [MARKETING]", "categories: MARKETING"]]);
    const dir = tempDir({ "northside-bakery.yaml": northside,
      "northside-bakery-east.yaml": broken });

    const { problems, integrations } = await loadIntegrations([dir]);

    expect(integrations.map((i) => i.name)).toEqual(["northside-bakery"]);
    expect(problems.map((p) => p.rule).sort()).toEqual(["schema", "unique-number",
      "unique-number"]);
  });

  it("checks a file named twice (directory and file) once", async () => {
    const dir = tempDir({ "northside-bakery.yaml": northside });

    const result = await loadIntegrations([dir, join(dir, "northside-bakery.yaml")]);

    expect(result.problems).toEqual([]);
    expect(result.integrations).toHaveLength(1);
  });
});
