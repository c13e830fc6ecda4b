import { randomBytes } from "node:crypto";
import * as path from "node:path";

import type { LocalAgent } from "../../agent/local-agent";
import { startLocalAgent } from "../../agent/local-agent";
import { twilioMessageSender } from "../../handlers/core/twilio-sender";
import type { LocalRuntime } from "../../handlers/local/local-runtime";
import { startLocalRuntime } from "../../handlers/local/local-runtime";
import { JsonDirectoryRouteStore } from "../../handlers/local/route-directory";
import { REPO_ROOT } from "../engine/paths";
import { DEFAULT_LOCAL_ROUTES_DIR } from "../program/webhook";
import type { EmulatorSession } from "./emulator-session";

/** The dev stack's webhook side: the local runtime and the local chat agent behind it. */
export interface WebhookServices {
  runtime: LocalRuntime;
  agent: LocalAgent;
  close(): Promise<void>;
}

/**
 * Starts the local webhook runtime where the dev stack's numbers point (stack config
 * `localWebhookBaseUrl`), reading the routes the Pulumi program writes, and the local agent.
 */
export async function startWebhookServices(
  twilio: EmulatorSession,
  webhookBaseUrl: string,
): Promise<WebhookServices> {
  const token = randomBytes(16).toString("hex");
  const agent = await startLocalAgent({ token });
  const base = new URL(webhookBaseUrl);

  const runtime = await startLocalRuntime({
    host: base.hostname,
    port: Number(base.port),
    publicBaseUrl: webhookBaseUrl,
    authTokens: [twilio.authToken],
    routes: new JsonDirectoryRouteStore(path.join(REPO_ROOT, DEFAULT_LOCAL_ROUTES_DIR)),
    agent: { url: agent.url, token },
    sender: twilioMessageSender(),
  });

  return {
    runtime,
    agent,
    async close() {
      await runtime.close();
      await agent.close();
    },
  };
}
