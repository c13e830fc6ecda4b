import * as path from "node:path";

/** The repository root: every engine path below is relative to it, never to the cwd. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Git-ignored folder where `npm run setup` puts the Pulumi engine binaries. */
export const TOOLS_BIN = path.join(REPO_ROOT, ".tools", "bin");

/** Git-ignored folder for local Pulumi state (`file://` backend) and the engine's home. */
export const LOCAL_PULUMI = path.join(REPO_ROOT, ".pulumi");
