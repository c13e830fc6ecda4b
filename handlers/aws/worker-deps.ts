import type { Logger } from "@aws-lambda-powertools/logger";

import { createAgentClient } from "../../agent/client";
import type { AgentClient } from "../../agent/client";
import type { MessageSender } from "../core/message-sender";
import { twilioMessageSender } from "../core/twilio-sender";
import type { WorkerDeps } from "../core/worker";
import { commonDeps } from "./aws-runtime";
import { ENV, requireEnv } from "./environment";
import { readJsonSecret } from "./secrets";
import type { AgentSecret, TwilioSecret } from "./secrets";

// Apart from aws-runtime.ts so that only the worker's bundle carries the agent's HTTP client
// and twilio-node's REST client.

/** The worker function's dependencies. */
export function awsWorkerDeps(): WorkerDeps & { logger: Logger } {
  return { ...commonDeps("sms-worker"),
    agent: agentFromSecret(requireEnv(ENV.agentSecretId)),
    sender: senderFromSecret(requireEnv(ENV.twilioSecretId)),
    agentRetry: { attempts: 2, backoffMs: 1_000 } };
}

function agentFromSecret(secretId: string): AgentClient {
  return {
    async ask(request) {
      const secret = await readJsonSecret<AgentSecret>(secretId);
      if (!secret.url || !secret.token) {
        throw new Error(`config_error: agent secret ${secretId} lacks url or token`);
      }
      return createAgentClient({ url: secret.url, token: secret.token }).ask(request);
    },
  };
}

/**
 * Replies authenticate with the API key when the secret has one, else with the auth token.
 * The secret is read (from Powertools' cache) before each send, so a rotated credential is
 * used within the cache time without a redeploy.
 */
function senderFromSecret(secretId: string): MessageSender {
  return twilioMessageSender(async () => {
    const secret = await readJsonSecret<TwilioSecret>(secretId);
    const { accountSid, apiKey, apiSecret, authToken } = secret;
    if (!accountSid || !((apiKey && apiSecret) || authToken)) {
      throw new Error(`config_error: Twilio secret ${secretId} lacks accountSid and a credential`);
    }
    return apiKey && apiSecret ? { accountSid, apiKey, apiSecret } : { accountSid, authToken };
  });
}
