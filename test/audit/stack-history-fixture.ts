import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { RejectionReason } from "../../src/providers/verification";

/**
 * Writes a stack's update history in the exact shape the file backend keeps after every
 * update, as Pulumi v3.248 writes it (checked against a
 * real `pulumi up` and `pulumi refresh`): `.pulumi/history/<project>/<stack>/
 * <stack>-<unix-nanos>.checkpoint.json` holds the full state after the update, and
 * `<stack>-<unix-nanos>.history.json` the update's kind, times in unix seconds and environment.
 */

/** The verification's outputs in one checkpoint: what the provider returned or read. */
export interface VerificationSnapshot {
  sid: string;
  status: string;
  rejectionReasons?: RejectionReason[];
  editAllowed?: boolean | null;
  editExpiration?: string | null;
  submittedAt: string | null;
  submittedDigest: string | null;
  adopted?: boolean;
}

/** One update of the stack. */
export interface UpdateFixture {
  kind: "update" | "refresh";
  /** When it ended (ISO); the file names carry it in nanoseconds. */
  time: string;
  gitHead: string;
  gitDirty?: boolean;
  verification: VerificationSnapshot;
}

const PROJECT = "sms-integrations";
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/** Writes `updates` of `integration` on `stack` into the file backend at `stateDir`. */
export function writeStackHistory(
  stateDir: string,
  stack: string,
  integration: string,
  updates: UpdateFixture[],
): string {
  const dir = join(stateDir, ".pulumi", "history", PROJECT, stack);
  mkdirSync(dir, { recursive: true });
  for (const update of updates) {
    const ms = Date.parse(update.time);
    const nanos = `${BigInt(ms) * 1_000_000n + 123_456n}`;
    writeFileSync(join(dir, `${stack}-${nanos}.checkpoint.json`),
      JSON.stringify(checkpoint(stack, integration, update)));
    writeFileSync(join(dir, `${stack}-${nanos}.history.json`),
      JSON.stringify(historyEntry(update, ms)));
  }
  return dir;
}

function checkpoint(stack: string, integration: string, update: UpdateFixture) {
  const stackUrn = `urn:pulumi:${stack}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${stack}`;
  const componentUrn =
    `urn:pulumi:${stack}::${PROJECT}::sms-integrations:index:SmsIntegration::${integration}`;
  const providerUrn = `urn:pulumi:${stack}::${PROJECT}::pulumi:providers:pulumi-nodejs::default`;
  const v = update.verification;
  return {
    version: 3,
    checkpoint: {
      stack: `organization/${PROJECT}/${stack}`,
      latest: {
        manifest: { time: update.time, magic: "0".repeat(64), version: "v3.248.0" },
        secrets_providers: { type: "passphrase", state: { salt: "v1:AAAA:v1:BBBB:CCCC" } },
        resources: [
          { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack",
            outputs: { integrations: { [integration]: { verificationStatus: v.status } } } },
          { urn: componentUrn, custom: false, type: "sms-integrations:index:SmsIntegration",
            parent: stackUrn },
          { urn: providerUrn, custom: true, id: "5c1e0f7e-provider",
            type: "pulumi:providers:pulumi-nodejs" },
          {
            urn: `urn:pulumi:${stack}::${PROJECT}::sms-integrations:index:SmsIntegration$` +
              `pulumi-nodejs:dynamic/twilio:Verification::${integration}-verification`,
            custom: true,
            id: v.sid,
            type: "pulumi-nodejs:dynamic/twilio:Verification",
            inputs: { __provider: "exports.handler = __f0;", integration },
            outputs: {
              __provider: "exports.handler = __f0;",
              integration,
              file: `integrations/${integration}.yaml`,
              numberSid: "PN0123456789abcdef0123456789abcdef",
              request: { businessName: "BrightSmile Family Dentistry LLC" },
              contact: { ...SECRET, ciphertext: "v1:abcd:efgh" },
              sid: v.sid,
              status: v.status,
              rejectionReasons: v.rejectionReasons ?? [],
              editAllowed: v.editAllowed ?? null,
              editExpiration: v.editExpiration ?? null,
              submittedAt: v.submittedAt,
              submittedDigest: v.submittedDigest,
              adopted: v.adopted ?? false,
            },
            parent: componentUrn,
            provider: `${providerUrn}::5c1e0f7e-provider`,
            additionalSecretOutputs: ["contact"],
          },
        ],
        metadata: {},
      },
    },
  };
}

function historyEntry(update: UpdateFixture, endMs: number) {
  const end = Math.floor(endMs / 1000);
  return {
    kind: update.kind,
    startTime: end - 5,
    message: "",
    environment: {
      "exec.kind": "cli",
      "git.head": update.gitHead,
      "git.headName": "refs/heads/main",
      "git.dirty": String(update.gitDirty ?? false),
      "pulumi.version": "v3.248.0",
    },
    config: {},
    version: 0,
    result: "succeeded",
    endTime: end,
    resourceChanges: update.kind === "refresh" ? { same: 4 } : { same: 3, update: 1 },
  };
}
