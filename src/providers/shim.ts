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
 * secret, no copied code. The dynamic-provider plugin runs with the program's folder (where
 * Pulumi.yaml's `main` points, `src/program`) as its working directory, so the path resolves
 * against the checkout that runs the engine, and the code that runs is always that checkout's.
 *
 * @param entry the implementation module, relative to `src/program`; it must export `provider`.
 */
export function providerShim(entry: string): pulumi.dynamic.ResourceProvider {
  // Modules are required inside the method on purpose: a top-level import would be captured
  // into the serialized closure.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = (): pulumi.dynamic.ResourceProvider => {
    // The plugin process is plain Node: it needs tsx to load the TypeScript implementation.
    const registry = globalThis as { smsIntegrationsTsx?: boolean };
    if (!registry.smsIntegrationsTsx) {
      require("tsx/cjs/api").register();
      registry.smsIntegrationsTsx = true;
    }
    const file = require("node:path").join(process.cwd(), entry);
    return require(file).provider;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  // Every method is declared here, because the engine asks the serialized object what it
  // supports; a method the implementation lacks gets the dynamic provider's default behaviour.
  //
  // Results pass through JSON on the way back: the provider host encodes them as a protobuf
  // Struct, which throws "Unexpected struct type" on an `undefined` value (pulumi/pulumi#3012).
  const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    check: async (olds, news) => plain((await load().check?.(olds, news)) ?? { inputs: news }),
    diff: async (id, olds, news) => (await load().diff?.(id, olds, news)) ?? {},
    create: async (inputs) => plain(await load().create(inputs)),
    read: async (id, props) => plain((await load().read?.(id, props)) ?? { id, props }),
    update: async (id, olds, news) =>
      plain((await load().update?.(id, olds, news)) ?? { outs: news }),
    delete: async (id, props) => load().delete?.(id, props),
  };
}
