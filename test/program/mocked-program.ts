import * as pulumi from "@pulumi/pulumi";

/**
 * Runs the Pulumi program under `setMocks` with the given stack config, recording the type of
 * every resource it declares. Each test file gets a fresh module, so one call per file.
 */
export async function runMockedProgram(
  config: Record<string, string>,
): Promise<{ types: string[]; result: Promise<unknown> }> {
  const types: string[] = [];
  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      types.push(args.type);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  }, "sms-integrations", "dev", false);

  const program = (await import("../../src/program/index")) as unknown as {
    default: Promise<unknown>;
  };
  return { types, result: program.default };
}
