/**
 * The Pulumi program: loads every integration file, stops before any Twilio call when one is
 * invalid, and declares per integration its toll-free number, verification and route, with the
 * stack's webhook handlers beside them.
 */
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { SmsIntegration } from "../../components/sms-integration";
import { REPO_ROOT } from "../engine/paths";
import { loadIntegrations } from "../integration/loader";
import type { LoadedIntegration } from "../integration/loader";
import type { Problem } from "../integration/problem";
import { integrationsOfShard, readShard } from "./shard";
import { deployWebhook } from "./webhook";

/**
 * Where the program reads integration files: stack config `integrationsDir`, relative to the
 * repository, defaulting to `integrations/`.
 */
const DEFAULT_INTEGRATIONS_DIR = "integrations";

async function main(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config();
  const directory = config.get("integrationsDir") ?? DEFAULT_INTEGRATIONS_DIR;
  const loaded = await loadOrStop(directory);
  refuseEmpty(loaded, directory, config.getBoolean("allowNoIntegrations") ?? false);
  const mine = integrationsOfShard(loaded, readShard(config));

  const webhook = deployWebhook(config, mine);
  const integrations: Record<string, unknown> = {};
  for (const item of mine) {
    const component = new SmsIntegration(item.name, {
      integration: item.integration,
      file: relativeFile(item.file),
      webhook: webhook.urls,
    });
    webhook.route(item, component);
    integrations[item.name] = summaryOf(item, component);
  }

  return { webhookUrl: webhook.urls.smsUrl, integrations };
}

/** Any invalid file stops the program: nothing may reach Twilio from a bad file. */
async function loadOrStop(directory: string): Promise<LoadedIntegration[]> {
  const { integrations, problems } = await loadIntegrations([path.resolve(REPO_ROOT, directory)]);
  const errors = problems.filter((p) => p.severity === "error");
  for (const problem of problems) {
    const log = problem.severity === "error" ? pulumi.log.error : pulumi.log.warn;
    void log(formatProblem(problem));
  }
  if (errors.length) {
    throw new pulumi.RunError(
      `${errors.length} error(s) in integration files, nothing was sent to Twilio; fix them ` +
        "(`npx sms-integrations validate` lists them) and run again.",
    );
  }
  return integrations;
}

/**
 * No integration at all would plan to unbind every number of the stack: far more likely a
 * wrong `integrationsDir` than an intent, so it takes an explicit stack setting.
 */
function refuseEmpty(loaded: LoadedIntegration[], directory: string, allowed: boolean): void {
  if (loaded.length || allowed) return;
  throw new pulumi.RunError(
    `no integration files in ${directory}: check stack config sms-integrations:integrationsDir, ` +
      "or set sms-integrations:allowNoIntegrations: true to remove every integration.",
  );
}

function formatProblem(p: Problem): string {
  const code = p.code ? `, Twilio ${p.code}` : "";
  return `${relativeFile(p.file)}:${p.line}:${p.column}: ${p.message} [${p.rule}${code}]`;
}

/** A file as messages name it: relative to the repository when inside it. */
function relativeFile(file: string): string {
  const absolute = path.resolve(REPO_ROOT, file);
  const relative = path.relative(REPO_ROOT, absolute);
  return relative.startsWith("..") ? absolute : relative;
}

/** The row of the stack output `integrations` for one integration. */
function summaryOf(item: LoadedIntegration, component: SmsIntegration) {
  const { number, binding, verification } = component;
  return {
    file: relativeFile(item.file),
    phoneNumber: number.phoneNumber,
    numberSid: number.sid,
    agentId: component.agentId,
    smsUrl: binding.smsUrl,
    verificationSid: verification.sid,
    verificationStatus: verification.status,
    rejectionReasons: verification.rejectionReasons,
    editAllowed: verification.editAllowed,
    editExpiration: verification.editExpiration,
    submittedAt: verification.submittedAt,
    submittedDigest: verification.submittedDigest,
    adopted: verification.adopted,
  };
}

export = main();
