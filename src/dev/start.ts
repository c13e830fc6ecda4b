import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { OutputMap, Stack } from "@pulumi/pulumi/automation";

import { loadIntegrations } from "../integration/loader";
import { pulumiCommand } from "../engine/command";
import { definedEnvironment, engineEnvironment } from "../engine/environment";
import { ensureEngine } from "../engine/install";
import { LOCAL_PULUMI, REPO_ROOT } from "../engine/paths";
import { recoverInterruptedUpdate } from "../engine/recovery";
import { createTwilioClient } from "../twilio/client";
import { textTable } from "../status/text-table";
import { converse, lastConversations } from "./conversations";
import type { EmulatorSession } from "./emulator-session";
import { hook, openEmulatorSession } from "./emulator-session";
import { startWebhookServices } from "./webhook-services";

/** The stack `npm start` reconciles: everything on this machine. */
const STACK = "dev";

/** One row of the stack output `integrations`. */
interface IntegrationRow {
  phoneNumber: string;
  agentId: string;
  verificationSid: string;
  verificationStatus: string;
}

/**
 * `npm start`: reconciles the integration files against the embedded Twilio emulator on the dev
 * stack, then texts each new integration's number and shows the agent's answer. Returns the exit
 * code.
 */
export async function start(log: (line: string) => void): Promise<number> {
  ensureEngine((line) => log(`setup: ${line}`));

  const twilio = await openEmulatorSession();
  log(`Twilio: ${twilio.owned ? "embedded emulator" : "emulator"} at ${twilio.url}`);
  try {
    await seedOwnedNumbers(twilio);
    const stack = await devStack(twilio);
    const webhookBaseUrl = (await stack.getConfig("sms-integrations:localWebhookBaseUrl")).value;
    const services = await startWebhookServices(twilio, webhookBaseUrl);
    try {
      return await reconcile(stack, twilio, services.runtime, log);
    } finally {
      await services.close();
    }
  } finally {
    await twilio.close();
  }
}

async function reconcile(
  stack: Stack,
  twilio: EmulatorSession,
  runtime: Parameters<typeof converse>[1],
  log: (line: string) => void,
): Promise<number> {
  const recovery = await recoverInterruptedUpdate(stack, `${LOCAL_PULUMI}/state`);
  if (recovery.staleLocks) log("Removed the lock of an update that was killed.");
  const before = rowsOf(await stack.outputs());
  // With a refresh, "no changes" means Twilio matches the files, not merely the last state: a
  // webhook changed in the Console is found and restored (field case F19). The table below
  // shows the outputs that matter, so the engine need not print them all.
  const up = await stack.up({
    refresh: true,
    onOutput: (text) => process.stdout.write(text),
    suppressOutputs: true,
  });
  const after = rowsOf(up.outputs);

  const changes = Object.entries(up.summary.resourceChanges ?? {})
    .filter(([op, count]) => op !== "same" && count)
    .map(([op, count]) => `${count} ${op}`);
  log(changes.length ? `\nChanged: ${changes.join(", ")}.` : "\nNo changes: Twilio already " +
    `matches the ${Object.keys(after).length} integration file(s).`);

  for (const [name, row] of Object.entries(after)) {
    if (!before[name]) await converse(twilio.url, runtime, row.phoneNumber, name);
  }
  log(`\n${await integrationTable(twilio.url, after)}`);
  return 0;
}

async function integrationTable(
  emulatorUrl: string,
  rows: Record<string, IntegrationRow>,
): Promise<string> {
  const conversations = await lastConversations(emulatorUrl);
  const header = ["integration", "number", "agent", "verification", "status", "test message",
    "agent reply"];
  const cells = Object.entries(rows).map(([name, row]) => {
    const talk = conversations.get(row.phoneNumber);
    return [name, row.phoneNumber, row.agentId, row.verificationSid, row.verificationStatus,
      talk?.inbound ?? "-", talk?.reply ?? "(no reply)"];
  });
  return textTable(header, cells);
}

/**
 * The emulator holds only what it was given: numbers that integration files adopt as
 * `existing` are put in its account first, as if the customer already owned them.
 */
async function seedOwnedNumbers(twilio: EmulatorSession): Promise<void> {
  if (!twilio.owned) return;

  const { integrations } = await loadIntegrations([`${REPO_ROOT}/integrations`]);
  const client = createTwilioClient(twilioOptions(twilio));
  const owned = [];
  for (const { integration } of integrations) {
    const number = integration.spec.number;
    if ("purchase" in number) continue;
    const found = await client.incomingPhoneNumbers.list({ phoneNumber: number.existing });
    if (!found.length) owned.push({ phoneNumber: number.existing });
  }
  if (owned.length) await hook(twilio.url, "POST", "seed", { owned });
}

async function devStack(twilio: EmulatorSession): Promise<Stack> {
  const env = {
    ...definedEnvironment(engineEnvironment({ stack: STACK })),
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
  };
  delete (env as Record<string, string | undefined>).TWILIO_API_KEY;
  Object.assign(process.env, env);

  return LocalWorkspace.createOrSelectStack(
    { stackName: STACK, workDir: REPO_ROOT },
    { pulumiCommand: await pulumiCommand(), envVars: env },
  );
}

function twilioOptions(twilio: EmulatorSession) {
  return { accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.url };
}

function rowsOf(outputs: OutputMap): Record<string, IntegrationRow> {
  return (outputs.integrations?.value ?? {}) as Record<string, IntegrationRow>;
}
