import * as fs from "node:fs";
import * as path from "node:path";

import { PulumiCommand } from "@pulumi/pulumi/automation";

import { TOOLS_BIN } from "./paths";

/**
 * The Pulumi CLI that `npm run setup` put in `.tools/bin`, for the Automation API. Missing, it
 * fails with the command that fixes it rather than letting the SDK try to download a CLI.
 */
export async function pulumiCommand(): Promise<PulumiCommand> {
  const cli = path.join(TOOLS_BIN, "pulumi");
  if (!fs.existsSync(cli)) {
    throw new Error(`No Pulumi engine at ${cli}: run \`npm run setup\` first.`);
  }
  return PulumiCommand.get({ root: path.dirname(TOOLS_BIN) });
}
