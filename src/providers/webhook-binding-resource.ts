import * as pulumi from "@pulumi/pulumi";

import { providerShim } from "./shim";
import type { WebhookBindingInputs } from "./webhook-binding";

/** One provider object for every binding: Pulumi caches outputs per provider object. */
const provider = providerShim("../providers/webhook-binding.ts");

/** Arguments of {@link WebhookBinding}: the provider's inputs, each may be an Output. */
export type WebhookBindingArgs = {
  [K in keyof WebhookBindingInputs]: pulumi.Input<WebhookBindingInputs[K]>;
};

/** The binding of a toll-free number to the stack's inbound-SMS webhook. */
export class WebhookBinding extends pulumi.dynamic.Resource {
  declare readonly smsUrl: pulumi.Output<string>;
  declare readonly smsApplicationSid: pulumi.Output<string>;
  declare readonly overridingServiceSid: pulumi.Output<string>;

  constructor(name: string, args: WebhookBindingArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { smsApplicationSid: undefined, overridingServiceSid: undefined };
    super(provider, name, { ...outputs, ...args }, opts, "twilio", "WebhookBinding");
  }
}
