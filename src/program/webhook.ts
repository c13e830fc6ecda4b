import * as pulumi from "@pulumi/pulumi";

import { AwsWebhook } from "../../components/aws-webhook";
import type { SmsIntegration, WebhookUrlInputs } from "../../components/sms-integration";
import type { Route } from "../../handlers/core/routes";
import { webhookUrls } from "../../handlers/core/urls";
import type { LoadedIntegration } from "../integration/loader";
import { LocalRoute } from "../providers/local-route-resource";

/** The stack's webhook handlers, as the integrations see them. */
export interface StackWebhook {
  /** The URLs every number of the stack is bound to. */
  urls: WebhookUrlInputs;
  /** Routes inbound SMS to one integration's toll-free number to its agent. */
  route(item: LoadedIntegration, component: SmsIntegration): void;
}

/** Where the dev stack's local runtime reads routes, relative to the repository. */
export const DEFAULT_LOCAL_ROUTES_DIR = ".pulumi/dev/routes";

/**
 * Deploys the stack's webhook handlers: the local runtime for the dev stack (stack config
 * `webhookRuntime: local`), AWS for real stacks.
 */
export function deployWebhook(
  config: pulumi.Config,
  _integrations: LoadedIntegration[],
): StackWebhook {
  const runtime = config.get("webhookRuntime") ?? "aws";
  if (runtime === "local") return localWebhook(config);
  if (runtime === "aws") return awsWebhook(config);

  throw new Error(
    `stack config sms-integrations:webhookRuntime is "${runtime}"; set it to aws, or to local ` +
      "for the dev stack.",
  );
}

/**
 * The AWS deployment of a real stack. Its Twilio and agent credentials are stack secrets
 * (`pulumi config set --secret`), kept encrypted in state and handed to Secrets Manager; the
 * routes are table items, one per integration, so a preview lists every routing change.
 */
function awsWebhook(config: pulumi.Config): StackWebhook {
  const accountSid = config.require("twilioAccountSid");
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    // An API key SID or an auth token here would make every signature check fail (F14).
    throw new Error(
      `stack config sms-integrations:twilioAccountSid is "${accountSid.slice(0, 2)}…", not an ` +
        "account SID; set it to the AC… SID shown in the Twilio Console.",
    );
  }
  const webhook = new AwsWebhook("webhook", {
    twilio: {
      accountSid,
      authToken: config.requireSecret("twilioAuthToken"),
      secondaryAuthToken: config.getSecret("twilioSecondaryAuthToken"),
    },
    agent: { url: config.require("agentApiUrl"), token: config.requireSecret("agentApiToken") },
    publicBaseUrl: config.get("webhookBaseUrl"),
  });

  return {
    urls: {
      smsUrl: webhook.smsUrl,
      smsFallbackUrl: webhook.smsFallbackUrl,
      statusCallbackUrl: webhook.statusCallbackUrl,
    },
    route(item, component) {
      webhook.addRoute(item.name, routeOf(item, component));
    },
  };
}

function localWebhook(config: pulumi.Config): StackWebhook {
  const urls = webhookUrls(config.require("localWebhookBaseUrl"));
  const directory = config.get("localRoutesDir") ?? DEFAULT_LOCAL_ROUTES_DIR;

  return {
    urls,
    route(item, component) {
      new LocalRoute(
        `${item.name}-route`,
        { directory, route: routeOf(item, component) },
        { parent: component },
      );
    },
  };
}

/** The route of an integration: its toll-free number to its agent and help text. */
export function routeOf(item: LoadedIntegration, component: SmsIntegration): pulumi.Output<Route> {
  const { compliance } = item.integration.spec;
  const brand = compliance.business.doingBusinessAs ?? compliance.business.legalName;
  const helpMessage = compliance.helpMessage ?? `${brand}: reply STOP to opt out.`;

  return pulumi.output(component.number.phoneNumber).apply((phoneNumber) => ({
    phoneNumber,
    integration: item.name,
    agentId: component.agentId,
    helpMessage,
  }));
}
