import type { StateResource } from "../../src/status/deployment";

/**
 * Resources of a stack as `pulumi stack export --show-secrets` prints them for this program:
 * the root stack resource with the outputs `webhookUrl` and `integrations` (one row per
 * integration, as src/program/index.ts declares it), and one verification resource per
 * integration, whose outputs a refresh may have made newer than the stack outputs.
 */

/** One row of the stack output `integrations`. */
export interface StackRow {
  file: string;
  phoneNumber: string;
  numberSid: string;
  agentId: string;
  smsUrl: string;
  verificationSid: string;
  verificationStatus: string;
  rejectionReasons: { code: number; reason: string; paths: string[] }[];
  editAllowed: boolean | null;
  editExpiration: string | null;
  submittedAt: string | null;
  submittedDigest: string | null;
  adopted: boolean;
}

/** A realistic row for `name`, with `overrides`. */
export function stackRow(name: string, n: number, overrides: Partial<StackRow> = {}): StackRow {
  return {
    file: `integrations/${name}.yaml`,
    phoneNumber: `+1833555010${n}`,
    numberSid: `PN${String(n).repeat(32).slice(0, 32)}`,
    agentId: `agt_${name}`,
    smsUrl: "https://sms.central.example/twilio/sms",
    verificationSid: `HH${String(n).repeat(32).slice(0, 32)}`,
    verificationStatus: "PENDING_REVIEW",
    rejectionReasons: [],
    editAllowed: null,
    editExpiration: null,
    submittedAt: "2026-12-01T10:00:00.000Z",
    submittedDigest: "0".repeat(64),
    adopted: false,
    ...overrides,
  };
}

/** Export resources: the stack outputs hold `rows`; `live` are the verification outputs now. */
export function exportedResources(
  stack: string,
  rows: Record<string, StackRow>,
  live: Record<string, Partial<StackRow>> = {},
): StateResource[] {
  const project = "sms-integrations";
  const root: StateResource = {
    urn: `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`,
    type: "pulumi:pulumi:Stack",
    outputs: { webhookUrl: "https://sms.central.example/twilio/sms", integrations: rows },
  };
  const verifications = Object.entries(rows).map(([name, row]): StateResource => {
    const now = { ...row, ...live[name] };
    return {
      urn: `urn:pulumi:${stack}::${project}::sms-integrations:index:SmsIntegration$` +
        `pulumi-nodejs:dynamic/twilio:Verification::${name}-verification`,
      type: "pulumi-nodejs:dynamic/twilio:Verification",
      id: now.verificationSid,
      outputs: {
        integration: name, file: now.file, numberSid: now.numberSid,
        request: { businessName: name }, contact: {
          "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
          plaintext: JSON.stringify({ businessContactEmail: `owner@${name}.example` }),
        },
        sid: now.verificationSid, status: now.verificationStatus,
        rejectionReasons: now.rejectionReasons, editAllowed: now.editAllowed,
        editExpiration: now.editExpiration, submittedAt: now.submittedAt,
        submittedDigest: now.submittedDigest, adopted: now.adopted,
      },
    };
  });
  return [root, ...verifications];
}
