import * as pulumi from "@pulumi/pulumi";

import { providerShim } from "./shim";
import type { NumberRequest, TollFreeNumberInputs } from "./toll-free-number";

/** One provider object for every number: Pulumi caches outputs per provider object. */
const provider = providerShim("../providers/toll-free-number.ts");

/** Arguments of {@link TollFreeNumber}: the provider's inputs, each of which may be an Output. */
export type TollFreeNumberArgs = {
  [K in keyof TollFreeNumberInputs]: pulumi.Input<TollFreeNumberInputs[K]>;
};

/** A toll-free number in the Twilio account, bought or adopted. */
export class TollFreeNumber extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;
  declare readonly phoneNumber: pulumi.Output<string>;
  declare readonly request: pulumi.Output<NumberRequest>;

  constructor(name: string, args: TollFreeNumberArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { sid: undefined, phoneNumber: undefined };
    super(provider, name, { ...outputs, ...args }, opts, "twilio", "TollFreeNumber");
  }
}
