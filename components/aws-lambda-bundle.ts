import path from "node:path";

import { buildSync } from "esbuild";

/** The three functions of the AWS webhook, by entry point under handlers/aws/. */
export const LAMBDA_ENTRY_POINTS = ["inbound", "worker", "status"] as const;

/** One function's name. */
export type LambdaName = (typeof LAMBDA_ENTRY_POINTS)[number];

/** The repository root, found from this file so the bundle works from any working directory. */
const REPO_ROOT = path.resolve(__dirname, "..");

/** Where bundles go: `dist/lambda/<name>/index.js`, ignored by git. */
export const BUNDLE_DIR = path.join(REPO_ROOT, "dist", "lambda");

/**
 * Bundles each function with esbuild into one CommonJS file with everything it imports,
 * AWS SDK included: the SDK in the Node.js runtime lags behind the versions Powertools is
 * tested with. Paths in the output are relative to the repository (esbuild's
 * `absWorkingDir`), so the bundle, its hash and the stack state hold no machine paths.
 */
export function bundleLambdas(outDir: string = BUNDLE_DIR): Record<LambdaName, string> {
  const result = buildSync({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(LAMBDA_ENTRY_POINTS.map((name) =>
      [`${name}/index`, `handlers/aws/${name}.ts`])),
    outdir: outDir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "linked",
    logLevel: "error",
  });
  if (result.errors.length > 0) throw new Error("esbuild could not bundle the Lambda handlers");

  return Object.fromEntries(LAMBDA_ENTRY_POINTS.map((name) =>
    [name, path.join(outDir, name)])) as Record<LambdaName, string>;
}

// `npm run bundle` builds the bundles on their own, to inspect them or to ship them from CI.
if (require.main === module) {
  for (const [name, directory] of Object.entries(bundleLambdas())) {
    console.log(`${name}: ${path.relative(process.cwd(), directory)}/index.js`);
  }
}
