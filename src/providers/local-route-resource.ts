import * as pulumi from "@pulumi/pulumi";

import type { LocalRouteInputs } from "./local-route";
import { providerShim } from "./shim";

const provider = providerShim("../providers/local-route.ts");

/** Arguments of {@link LocalRoute}. */
export type LocalRouteArgs = { [K in keyof LocalRouteInputs]: pulumi.Input<LocalRouteInputs[K]> };

/** The route of one integration in the dev stack's local webhook runtime. */
export class LocalRoute extends pulumi.dynamic.Resource {
  constructor(name: string, args: LocalRouteArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, args, opts, "local", "Route");
  }
}
