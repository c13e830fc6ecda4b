import { describe, expect, it } from "vitest";

import { deployedStacks, stacksTouched } from "../../src/status/affected-stacks";
import {
  changedSteps, driftLines, formatCallout, formatDrift, irreversibleSteps, withCallout,
} from "../../src/status/plan-summary";

const P = "urn:pulumi:staging::sms-integrations::sms-integrations:index:SmsIntegration$";
const NUMBER = "pulumi-nodejs:dynamic/twilio:TollFreeNumber";
const VERIFICATION = "pulumi-nodejs:dynamic/twilio:Verification";
const FILE = "integrations/brightsmile-dental.yaml";

/** A step of `pulumi preview --json` (v3.248): op, urn, and the old and new states. */
function step(op: string, type: string, name: string, olds?: object, news?: object,
  outputs?: object) {
  return {
    op, urn: `${P}${type}::${name}`,
    ...(olds ? { oldState: { urn: `${P}${type}::${name}`, type, inputs: olds,
      outputs: { ...olds, ...outputs } } } : {}),
    ...(news ? { newState: { urn: `${P}${type}::${name}`, type, inputs: news } } : {}),
  };
}

const numberInputs = (releaseOnDelete: boolean) => ({ integration: "brightsmile-dental",
  file: FILE, friendlyName: "sms-integrations:brightsmile-dental",
  request: { kind: "purchase", country: "US", areaCode: "833" }, releaseOnDelete });
const verificationInputs = (summary: string, resubmission?: object) => ({
  integration: "brightsmile-dental", file: FILE, numberSid: "PN1",
  request: { businessName: "BrightSmile Family Dentistry LLC", useCaseSummary: summary },
  contact: { businessContactEmail: "dana@brightsmile-dental.example" },
  ...(resubmission ? { resubmission } : {}) });

describe("the preview callout on a pull request", () => {
  it.each([
    ["releases a number marked releaseOnDelete", step("delete", NUMBER,
      "brightsmile-dental-number", numberInputs(true), undefined,
      { phoneNumber: "+18335550101", sid: "PN1" }),
    "releases +18335550101 back to Twilio (releaseOnDelete: true); it may never come back"],
    ["keeps a number not marked releaseOnDelete", step("delete", NUMBER,
      "brightsmile-dental-number", numberInputs(false), undefined,
      { phoneNumber: "+18335550101" }),
    "removes +18335550101 from the stack; it stays in the Twilio account " +
      "(releaseOnDelete: false)"],
    ["stops tracking a deleted verification", step("delete", VERIFICATION,
      "brightsmile-dental-verification", verificationInputs("a"), undefined, { sid: "HH1" }),
    "stops tracking verification HH1; Twilio keeps it with the number, and its review status " +
      "is no longer watched"],
    ["may resubmit a verification on the file's opt-in", step("update", VERIFICATION,
      "brightsmile-dental-verification", verificationInputs("a"),
      verificationInputs("b", { allowNewVerification: true }), { sid: "HH1" }),
    "may withdraw verification HH1 and submit a new one (resubmission.allowNewVerification: " +
      "true): the new one starts review from the back"],
  ])("%s", (_, planned, consequence) => {
    const steps = irreversibleSteps({ steps: [planned] });

    expect(steps).toEqual([expect.objectContaining({ file: FILE, consequence })]);
    expect(formatCallout("staging", steps).split("\n")).toEqual([
      "> [!CAUTION]",
      "> **This plan for stack `staging` releases a toll-free number or deletes a " +
        "verification.** Check it with the customer before merging:",
      ">",
      `> - \`${FILE}\`: ${planned.op} ${steps[0]!.kind} \`${steps[0]!.name}\`` +
        `${planned.op === "update"
          ? " (`spec.compliance.useCase.summary`, `spec.compliance.resubmission`)" : ""}: ` +
        consequence,
      ""]);
  });

  it("calls out nothing for an edit of a verification or a new integration", () => {
    const steps = irreversibleSteps({ steps: [
      step("same", NUMBER, "northside-bakery-number", numberInputs(false), numberInputs(false)),
      step("update", VERIFICATION, "brightsmile-dental-verification", verificationInputs("a"),
        verificationInputs("b")),
      step("create", NUMBER, "riverbend-food-bank-number", undefined, numberInputs(false)),
    ] });

    expect(steps).toEqual([]);
    expect(formatCallout("staging", steps)).toBe("");
  });

  it("puts the callout under the heading pulumi/actions finds its comment by, once", () => {
    const heading = "#### :tropical_drink: `preview` on sms-integrations/staging";
    const comment = `${heading}\n\n<details>\n<summary>Pulumi report</summary>\n</details>`;

    const once = withCallout(comment, heading, "> [!CAUTION]\n> releases a number\n");
    const twice = withCallout(once, heading, "> [!CAUTION]\n> releases a number\n");

    expect(once.startsWith(`${heading}\n\n<!-- sms-integrations:callout -->\n> [!CAUTION]`))
      .toBe(true);
    expect(once).toContain("<!-- /sms-integrations:callout -->\n\n<details>");
    expect(twice).toBe(once);
    expect(withCallout(once, heading, "")).toBe(comment);
  });
});

describe("the drift report of the scheduled check", () => {
  it("names the file and YAML fields of each planned change, refresh steps aside", () => {
    const preview = { steps: [
      step("refresh", VERIFICATION, "brightsmile-dental-verification", verificationInputs("a"),
        verificationInputs("a")),
      step("same", NUMBER, "northside-bakery-number", numberInputs(false), numberInputs(false)),
      step("update", VERIFICATION, "brightsmile-dental-verification", verificationInputs("a"),
        verificationInputs("b")),
      step("update", NUMBER, "brightsmile-dental-number", numberInputs(false),
        numberInputs(true)),
    ] };

    const steps = changedSteps(preview);

    expect(driftLines(steps)).toEqual([
      `${FILE}: update Verification brightsmile-dental-verification ` +
        "(spec.compliance.useCase.summary)",
      `${FILE}: update TollFreeNumber brightsmile-dental-number (spec.number.releaseOnDelete)`,
    ]);
    expect(formatDrift("staging", steps)).toContain("- `integrations/brightsmile-dental.yaml`: " +
      "update Verification `brightsmile-dental-verification` " +
      "(`spec.compliance.useCase.summary`)\n");
    expect(formatDrift("staging", changedSteps({ steps: [preview.steps[1]] }))).toBe("");
  });
});

describe("the stacks a change touches", () => {
  const stacks = deployedStacks(["Pulumi.dev.yaml", "Pulumi.production.yaml",
    "Pulumi.staging.yaml", "Pulumi.qa.yaml"]);

  it("deploys every stack but dev, production last", () => {
    expect(stacks).toEqual(["qa", "staging", "production"]);
  });

  it.each([
    [["integrations/brightsmile-dental.yaml"], ["qa", "staging", "production"]],
    [["src/providers/verification.ts", "README.md"], ["qa", "staging", "production"]],
    [["stacks/Pulumi.staging.yaml"], ["staging"]],
    [["stacks/Pulumi.production.yaml", "docs/runbook.md"], ["production"]],
    [["README.md", "test/audit/git-repo.ts", ".github/workflows/deploy.yml"], []],
    [["stacks/Pulumi.dev.yaml"], []],
  ])("a change of %j touches %j", (files, touched) => {
    expect(stacksTouched(files, stacks)).toEqual(touched);
  });
});
