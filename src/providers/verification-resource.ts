import * as pulumi from "@pulumi/pulumi";

import { providerShim } from "./shim";
import type { RejectionReason, VerificationInputs } from "./verification";

/** One provider object for every verification: Pulumi caches outputs per provider object. */
const provider = providerShim("../providers/verification.ts");

/** Arguments of {@link Verification}: the provider's inputs, each of which may be an Output. */
export type VerificationArgs = {
  [K in keyof VerificationInputs]: pulumi.Input<VerificationInputs[K]>;
};

/** A toll-free verification of one number, submitted and edited from its integration file. */
export class Verification extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;
  declare readonly rejectionReasons: pulumi.Output<RejectionReason[]>;
  declare readonly editAllowed: pulumi.Output<boolean | null>;
  declare readonly editExpiration: pulumi.Output<string | null>;
  declare readonly submittedAt: pulumi.Output<string | null>;
  declare readonly submittedDigest: pulumi.Output<string | null>;
  declare readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: VerificationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      sid: undefined,
      status: undefined,
      rejectionReasons: undefined,
      editAllowed: undefined,
      editExpiration: undefined,
      submittedAt: undefined,
      submittedDigest: undefined,
      adopted: undefined,
    };
    // Contact details and the registration number stay encrypted in state.
    const secret = { additionalSecretOutputs: ["contact"], ...opts };
    super(provider, name, { ...outputs, ...args }, secret, "twilio", "Verification");
  }
}
