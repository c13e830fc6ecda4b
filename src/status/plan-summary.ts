import { asRecord, asText } from "./deployment";
import { code } from "./markdown";

/**
 * Reading `pulumi preview --json` for the workflows: which steps touch Twilio in a way that
 * cannot be undone (the pull-request callout), and which changes a preview after a refresh
 * plans (drift, for the scheduled check), each named by integration file and field.
 */

/** The type tokens of this project's Twilio resources: dynamic provider module `twilio`. */
const TWILIO_TYPE = "pulumi-nodejs:dynamic/twilio:";

/** Engine steps that remove a resource from the stack. */
const REMOVING = new Set(["delete", "replace", "delete-replaced", "create-replacement",
  "discard"]);

/** Steps that change nothing. */
const UNCHANGED = new Set(["same", "read", "refresh"]);

/** One planned step, as the workflows report it. */
export interface PlannedStep {
  op: string;
  /** `TollFreeNumber`, `Verification`, ... (the type token's last part). */
  kind: string;
  /** The resource name, e.g. `brightsmile-dental-number`. */
  name: string;
  /** The integration file it belongs to, when the resource says. */
  file: string | null;
  /** Input fields that differ, as YAML paths where the file has them. */
  fields: string[];
  /** For the callout: what the step does at Twilio, in words. */
  consequence?: string;
}

/**
 * The steps of a preview that release a toll-free number, stop tracking a verification, or
 * may withdraw a verification and submit a new one (an update with `allowNewVerification`).
 */
export function irreversibleSteps(preview: unknown): PlannedStep[] {
  return stepsOf(preview).flatMap((step) => {
    const type = asText(step.newState.type) ?? asText(step.oldState.type) ?? "";
    if (!type.startsWith(TWILIO_TYPE)) return [];
    const consequence = consequenceOf(step, type.slice(TWILIO_TYPE.length));
    return consequence ? [{ ...describe(step), consequence }] : [];
  });
}

/** Every step of a preview that changes something: after a refresh, the drift. */
export function changedSteps(preview: unknown): PlannedStep[] {
  return stepsOf(preview).filter((s) => !UNCHANGED.has(s.op)).map(describe);
}

/** The Markdown callout for the top of the pull request comment; "" when nothing to call out. */
export function formatCallout(stack: string, steps: PlannedStep[]): string {
  if (!steps.length) return "";
  return [`> [!CAUTION]`, `> **This plan for stack ${code(stack)} releases a toll-free ` +
    "number or deletes a verification.** Check it with the customer before merging:", ">",
    ...steps.map((s) => `> - ${stepLine(s)}: ${s.consequence}`), ""].join("\n");
}

/** The Markdown drift report for the job summary; "" when the preview plans no change. */
export function formatDrift(stack: string, steps: PlannedStep[]): string {
  if (!steps.length) return "";
  return [`### Drift on stack ${code(stack)}`, "",
    `After a refresh, \`pulumi preview\` plans ${steps.length} change(s): Twilio or the stack ` +
    "no longer matches the integration files. Fix the file, or run `pulumi up` to restore " +
    "what the files say:", "", ...steps.map((s) => `- ${stepLine(s)}`), ""].join("\n");
}

/** One line per drifted step for an error message: `<file>: <op> <kind> <name> (<fields>)`. */
export function driftLines(steps: PlannedStep[]): string[] {
  return steps.map((s) => `${s.file ?? "(no file)"}: ${s.op} ${s.kind} ${s.name}` +
    `${s.fields.length ? ` (${s.fields.join(", ")})` : ""}`);
}

function stepLine(s: PlannedStep): string {
  const fields = s.fields.length ? ` (${s.fields.map(code).join(", ")})` : "";
  return `${s.file ? `${code(s.file)}: ` : ""}${s.op} ${s.kind} ${code(s.name)}${fields}`;
}

interface Step {
  op: string;
  urn: string;
  oldState: Record<string, unknown>;
  newState: Record<string, unknown>;
}

function stepsOf(preview: unknown): Step[] {
  const steps = asRecord(preview).steps;
  if (!Array.isArray(steps)) return [];
  return steps.map((s) => {
    const step = asRecord(s);
    return { op: asText(step.op) ?? "", urn: asText(step.urn) ?? "",
      oldState: asRecord(step.oldState), newState: asRecord(step.newState) };
  });
}

function consequenceOf(step: Step, kind: string): string | undefined {
  const olds = asRecord(step.oldState.outputs ?? step.oldState.inputs);
  const news = asRecord(step.newState.inputs);
  if (REMOVING.has(step.op) && kind === "TollFreeNumber") {
    const number = asText(olds.phoneNumber) ?? "the number";
    return olds.releaseOnDelete === true
      ? `releases ${number} back to Twilio (releaseOnDelete: true); it may never come back`
      : `removes ${number} from the stack; it stays in the Twilio account (releaseOnDelete: false)`;
  }
  if (REMOVING.has(step.op) && kind === "Verification") {
    return `stops tracking verification ${asText(olds.sid) ?? ""}; Twilio keeps it with the ` +
      "number, and its review status is no longer watched";
  }
  if (REMOVING.has(step.op)) return `removes ${kind} ${asText(olds.sid) ?? ""} from the stack`;
  if (step.op === "update" && kind === "Verification" &&
    asRecord(news.resubmission).allowNewVerification === true) {
    return `may withdraw verification ${asText(olds.sid) ?? ""} and submit a new one ` +
      "(resubmission.allowNewVerification: true): the new one starts review from the back";
  }
  return undefined;
}

function describe(step: Step): PlannedStep {
  const type = asText(step.newState.type) ?? asText(step.oldState.type) ?? "";
  const kind = type.split(":").pop() ?? type;
  const olds = asRecord(step.oldState.inputs);
  const news = asRecord(step.newState.inputs);
  return {
    op: step.op,
    kind,
    name: step.urn.split("::").pop() ?? step.urn,
    file: asText(news.file) ?? asText(olds.file),
    fields: step.op === "update" ? changedFields(kind, olds, news) : [],
  };
}

function changedFields(
  kind: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): string[] {
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    if (key === "__provider") continue;
    const before = olds[key];
    const after = news[key];
    if (kind === "TollFreeNumber" && key === "request") {
      if (!same(before, after)) fields.push("spec.number");
    } else if (kind === "Verification" && (key === "request" || key === "contact")) {
      const a = asRecord(before);
      const b = asRecord(after);
      for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (!same(a[field], b[field])) fields.push(yamlPathOf(field));
      }
    } else if (!same(before, after)) {
      fields.push(yamlPathOf(key));
    }
  }
  return fields;
}

/** Verification request fields (twilio-node names) and the file fields they come from. */
const REQUEST_PATHS: Record<string, string> = {
  businessName: "business.legalName", businessWebsite: "business.website",
  notificationEmail: "notificationEmail", useCaseCategories: "useCase.categories",
  useCaseSummary: "useCase.summary", productionMessageSample: "useCase.messageSamples",
  optInImageUrls: "optIn.imageUrls", optInType: "optIn.type",
  messageVolume: "useCase.monthlyVolume", businessStreetAddress: "business.address.street",
  businessStreetAddress2: "business.address.street2", businessCity: "business.address.city",
  businessStateProvinceRegion: "business.address.region",
  businessPostalCode: "business.address.postalCode",
  businessCountry: "business.address.country",
  additionalInformation: "useCase.additionalInformation",
  businessContactFirstName: "business.contact.firstName",
  businessContactLastName: "business.contact.lastName",
  businessContactEmail: "business.contact.email", businessContactPhone: "business.contact.phone",
  businessRegistrationNumber: "business.registration.number",
  businessRegistrationAuthority: "business.registration.authority",
  businessRegistrationCountry: "business.registration.country",
  businessRegistrationPhoneNumber: "business.registration.phoneNumber",
  businessType: "business.type", doingBusinessAs: "business.doingBusinessAs",
  optInConfirmationMessage: "optIn.confirmationMessage", helpMessageSample: "helpMessage",
  privacyPolicyUrl: "privacyPolicyUrl", termsAndConditionsUrl: "termsAndConditionsUrl",
  ageGatedContent: "ageGatedContent", optInKeywords: "optIn.keywords",
  vettingProvider: "vetting.provider", vettingId: "vetting.id",
  resubmission: "resubmission",
};

/** Number and binding inputs that come from the file. */
const OTHER_PATHS: Record<string, string> = {
  releaseOnDelete: "spec.number.releaseOnDelete", friendlyName: "metadata.name",
};

function yamlPathOf(field: string): string {
  if (REQUEST_PATHS[field]) return `spec.compliance.${REQUEST_PATHS[field]}`;
  return OTHER_PATHS[field] ?? field;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Marks the callout in a comment, so a second run replaces it instead of adding another. */
const CALLOUT_START = "<!-- sms-integrations:callout -->";
const CALLOUT_END = "<!-- /sms-integrations:callout -->";

/**
 * A pulumi/actions comment with the callout right under its heading. The action finds its
 * own comment again by the heading it starts with (pulumi/actions src/libs/pr.ts), so the
 * callout goes after the heading, never before it; an earlier callout is replaced.
 */
export function withCallout(body: string, heading: string, callout: string): string {
  const start = body.indexOf(CALLOUT_START);
  const end = body.indexOf(CALLOUT_END);
  const clean = start >= 0 && end > start
    ? body.slice(0, start) + body.slice(end + CALLOUT_END.length).replace(/^\n+/, "")
    : body;
  if (!callout) return clean;
  const rest = clean.startsWith(heading) ? clean.slice(heading.length).replace(/^\n+/, "") : clean;
  return `${heading}\n\n${CALLOUT_START}\n${callout.trimEnd()}\n${CALLOUT_END}\n\n${rest}`;
}
