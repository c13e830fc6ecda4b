import { rmSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readFileVersions, type FileVersions } from "../../src/audit/file-versions";
import { createLongHistory, type LongHistory } from "./long-history";

// The timing of this history (issue 7: under a second for 100 commits) is measured by
// benchmark-audit.ts; here only what it finds is checked.
describe("the audit of a file with 100 commits", () => {
  let history: LongHistory;
  let found: FileVersions;

  beforeAll(async () => {
    history = createLongHistory(100);
    found = await readFileVersions(history.dir, "integrations/brightsmile-dental.yaml");
  });

  afterAll(() => rmSync(history.dir, { recursive: true, force: true }));

  it("finds all 100 versions, oldest first, each a submittable integration", () => {
    expect(found.versions).toHaveLength(100);
    expect(found.versions.every((v) => v.digest?.length === 64)).toBe(true);
    expect(new Set(found.versions.map((v) => v.digest)).size).toBe(100);
  });

  it("follows the file across its move and names each version's summary change", () => {
    const at = history.renameAt;
    expect(found.versions[at - 1]!.path).toBe("customers/brightsmile-dental.yaml");
    expect(found.versions[at]).toMatchObject({ path: "integrations/brightsmile-dental.yaml",
      change: "renamed", renamedFrom: "customers/brightsmile-dental.yaml" });
    expect(found.versions.slice(1).every((v, i) => v.complianceChanges.length === 1 &&
      v.complianceChanges[0]!.path === "spec.compliance.useCase.summary" &&
      String(v.complianceChanges[0]!.after).includes(`(revision ${i + 2})`))).toBe(true);
  });

  it("gives the pull request of every version that came in through a merge", () => {
    const merged = found.versions.flatMap((v, i) => v.landing?.pullRequest
      ? [[i, v.landing.pullRequest]] : []);
    expect(merged).toEqual([...history.pullRequests.entries()]);
  });
});
