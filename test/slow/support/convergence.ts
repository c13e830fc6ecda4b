import type { Stack } from "@pulumi/pulumi/automation";
import type { Twilio } from "twilio";

import type { FleetFile } from "../../../bench/fleet";

/** What the account and the stack hold, reduced to what convergence is judged on. */
export interface Holdings {
  /** Every number in the account: SID to E.164. */
  accountNumbers: Map<string, string>;
  /** Every verification in the account: SID to the number's SID. */
  accountVerifications: Map<string, string>;
  /** Per integration, the number and verification its state records. */
  state: Map<string, { numberSid?: string; phoneNumber?: string; verificationSid?: string;
    verificationNumberSid?: string }>;
}

interface StateResource {
  type: string;
  outputs?: { integration?: string; sid?: string; phoneNumber?: string; numberSid?: string };
}

/** Reads the account through twilio-node and the stack's state through its export. */
export async function readHoldings(twilio: Twilio, stack: Stack): Promise<Holdings> {
  const numbers = await twilio.incomingPhoneNumbers.list({ pageSize: 1000 });
  const verifications = await twilio.messaging.v1.tollfreeVerifications.list({ pageSize: 1000 });
  const exported = await stack.exportStack();
  const resources = (exported.deployment.resources ?? []) as StateResource[];

  const state: Holdings["state"] = new Map();
  const entry = (name: string) => state.get(name) ?? state.set(name, {}).get(name)!;
  for (const { type, outputs } of resources) {
    if (!outputs?.integration) continue;
    if (type.endsWith(":TollFreeNumber")) {
      Object.assign(entry(outputs.integration),
        { numberSid: outputs.sid, phoneNumber: outputs.phoneNumber });
    }
    if (type.endsWith(":Verification")) {
      Object.assign(entry(outputs.integration),
        { verificationSid: outputs.sid, verificationNumberSid: outputs.numberSid });
    }
  }
  return {
    accountNumbers: new Map(numbers.map((n) => [n.sid, n.phoneNumber])),
    accountVerifications: new Map(verifications.map((v) => [v.sid, v.tollfreePhoneNumberSid])),
    state,
  };
}

/**
 * Everything that is wrong with the holdings for this fleet, one line each; empty when the
 * stack converged: exactly one number per integration (an existing one where the file names
 * it), one verification per number, and no verification whose number is missing from the
 * account or from state.
 */
export function convergenceProblems(files: readonly FleetFile[], held: Holdings): string[] {
  const problems: string[] = [];
  const stateNumbers = new Set([...held.state.values()].map((s) => s.numberSid));

  if (held.accountNumbers.size !== files.length) {
    problems.push(`the account holds ${held.accountNumbers.size} numbers for ${files.length} ` +
      "integrations");
  }
  if (stateNumbers.size !== files.length) {
    problems.push(`state records ${stateNumbers.size} distinct numbers for ${files.length} ` +
      "integrations");
  }
  for (const file of files) problems.push(...integrationProblems(file, held));

  const byNumber = new Map<string, string[]>();
  for (const [sid, numberSid] of held.accountVerifications) {
    byNumber.set(numberSid, [...(byNumber.get(numberSid) ?? []), sid]);
    if (!held.accountNumbers.has(numberSid)) {
      problems.push(`verification ${sid} is for ${numberSid}, which the account does not hold`);
    }
    if (!stateNumbers.has(numberSid)) {
      problems.push(`verification ${sid} is for ${numberSid}, which no integration's state has`);
    }
  }
  for (const [numberSid, sids] of byNumber) {
    if (sids.length > 1) problems.push(`number ${numberSid} has ${sids.length} verifications`);
  }
  return problems;
}

function integrationProblems(file: FleetFile, held: Holdings): string[] {
  const mine = held.state.get(file.name);
  if (!mine?.numberSid || !mine.verificationSid) {
    return [`${file.name}: state lacks its number or its verification`];
  }
  const problems: string[] = [];
  if (!held.accountNumbers.has(mine.numberSid)) {
    problems.push(`${file.name}: number ${mine.numberSid} in state is not in the account`);
  }
  if (file.existing && mine.phoneNumber !== file.existing) {
    problems.push(`${file.name}: holds ${mine.phoneNumber} instead of ${file.existing}`);
  }
  if (held.accountVerifications.get(mine.verificationSid) !== mine.numberSid) {
    problems.push(`${file.name}: verification ${mine.verificationSid} in state is not the ` +
      `account's verification of ${mine.numberSid}`);
  }
  return problems;
}
