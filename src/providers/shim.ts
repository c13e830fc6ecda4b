import type * as pulumi from "@pulumi/pulumi";

/**
 * A dynamic provider that holds no logic of its own: each method loads the implementation from
 * the project at call time and delegates to it.
 *
 * Pulumi serializes a dynamic provider's closure into the state of every resource and runs that
 * copy on refresh and destroy (pulumi/pulumi#6490). Local modules it captures are copied in by
 * value, with their clients and schemas (pitfall: state bloat and serialization failures,
 * pulumi/pulumi#5294), and captured credentials land in state in plain text
 * (pulumi/pulumi#8265). This shim captures only a repo-relative module path: no absolute path, no
 * secret, no copied code. The dynamic-provider plugin runs with the program folder as its working
 * directory, so the path resolves against the checkout that runs the engine, and the code that
 * runs is always the code in that checkout.
 *
 * @param entry the implementation module, relative to the repository root; it must export
 *   `provider`.
 */
export function providerShim(entry: string): pulumi.dynamic.ResourceProvider {
  const load = (): Required<pulumi.dynamic.ResourceProvider> => {
    // The plugin process is plain Node: it needs tsx to load the TypeScript implementation.
    const registry = globalThis as { smsIntegrationsTsx?: boolean };
    if (!registry.smsIntegrationsTsx) {
      require("tsx/cjs/api").register();
      registry.smsIntegrationsTsx = true;
    }
    const file = require("node:path").join(process.cwd(), entry);
    return require(file).provider;
  };

  return {
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
