import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

import { REPO_ROOT, TOOLS_BIN } from "./paths";

/** The oldest CLI this project runs on: the `@pulumi/pulumi` SDK it pins. */
export const MIN_PULUMI_VERSION = "3.248.0";

/** Go 1.24 brought the `tool` directive that the wrapper modules under `tools/` use. */
const MIN_GO_VERSION = "1.24";

/** One engine binary and where it came from. */
export interface EngineBinary {
  name: string;
  path: string;
  version: string;
  source: "path" | "built" | "cached" | "npm";
}

/** Raised when no engine can be found or built; the message says how to install one. */
export class EngineUnavailableError extends Error {}

/**
 * A Go main package built from a wrapper module under `tools/`. The Pulumi CLI's own go.mod
 * files carry replace directives, so `go install module@version` refuses them
 * (golang/go#44840); a wrapper module that requires them and repeats the replaces builds fine.
 */
interface GoTool {
  binary: string;
  moduleDir: string;
  mainPackage: string;
  /** The required module whose version is stamped into the binary. */
  versionModule: string;
}

const GO_TOOLS: GoTool[] = [
  {
    binary: "pulumi",
    moduleDir: "tools/pulumi",
    mainPackage: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    versionModule: "github.com/pulumi/pulumi/pkg/v3",
  },
  {
    binary: "pulumi-language-nodejs",
    moduleDir: "tools/pulumi-language-nodejs",
    mainPackage: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
    versionModule: "github.com/pulumi/pulumi/sdk/v3",
  },
];

/** The dynamic-provider plugin is a shell script shipped inside the `@pulumi/pulumi` package. */
const DYNAMIC_PROVIDER = "pulumi-resource-pulumi-nodejs";

/**
 * Makes `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` available in
 * `.tools/bin`: a new enough `pulumi` on PATH is linked, else both Go binaries are built from
 * the Go module proxy, once, and reused while their wrapper modules are unchanged.
 */
export function ensureEngine(log: (line: string) => void = () => {}): EngineBinary[] {
  fs.mkdirSync(TOOLS_BIN, { recursive: true });

  const linked = linkPulumiFromPath(log);
  const binaries = linked ?? buildFromGoProxy(log);

  return [...binaries, installDynamicProvider()];
}

function linkPulumiFromPath(log: (line: string) => void): EngineBinary[] | undefined {
  const cli = findOnPath("pulumi");
  if (!cli) return undefined;

  const version = pulumiVersion(cli);
  if (!version || compareVersions(version, MIN_PULUMI_VERSION) < 0) {
    log(`ignoring ${cli} (${version ?? "unknown version"}): need v${MIN_PULUMI_VERSION} or later`);
    return undefined;
  }

  const host = path.join(path.dirname(cli), "pulumi-language-nodejs");
  if (!fs.existsSync(host)) {
    log(`ignoring ${cli}: no pulumi-language-nodejs beside it`);
    return undefined;
  }

  return [
    { ...link(cli, "pulumi"), version, source: "path" },
    { ...link(host, "pulumi-language-nodejs"), version, source: "path" },
  ];
}

function link(target: string, name: string): { name: string; path: string } {
  const at = path.join(TOOLS_BIN, name);
  fs.rmSync(at, { force: true });
  fs.symlinkSync(target, at);
  return { name, path: at };
}

function buildFromGoProxy(log: (line: string) => void): EngineBinary[] {
  const goVersion = readGoVersion();
  if (!goVersion || compareVersions(goVersion, MIN_GO_VERSION) < 0) {
    throw new EngineUnavailableError(installAdvice(goVersion));
  }

  const binaries = GO_TOOLS.map((tool) => buildGoTool(tool, goVersion, log));

  // The CLI reports its own version: reading it back proves the binary runs.
  const cli = binaries[0]!;
  const reported = pulumiVersion(cli.path);
  if (!reported) throw new Error(`${cli.path} was built but \`pulumi version\` failed`);
  return [{ ...cli, version: `v${reported}` }, ...binaries.slice(1)];
}

function buildGoTool(tool: GoTool, goVersion: string, log: (line: string) => void): EngineBinary {
  const moduleDir = path.join(REPO_ROOT, tool.moduleDir);
  const version = requiredVersion(moduleDir, tool.versionModule);
  const ldflags = `-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`;
  const args = ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", ldflags];
  const out = path.join(TOOLS_BIN, tool.binary);
  const stamp = path.join(TOOLS_BIN, `.${tool.binary}.stamp`);
  const key = buildKey(moduleDir, [goVersion, ...args]);

  if (fs.existsSync(out) && readIfExists(stamp) === key) {
    return { name: tool.binary, path: out, version: `v${version}`, source: "cached" };
  }

  log(`building ${tool.binary} v${version} from the Go module proxy (minutes on a new machine)`);
  execFileSync("go", [...args, "-o", out, tool.mainPackage], {
    cwd: moduleDir,
    env: { ...process.env, CGO_ENABLED: "0" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  fs.writeFileSync(stamp, key);

  return { name: tool.binary, path: out, version: `v${version}`, source: "built" };
}

/** A build is reused while its module files, Go version and flags are the same. */
function buildKey(moduleDir: string, parts: string[]): string {
  const hash = createHash("sha256");
  for (const file of ["go.mod", "go.sum"]) hash.update(fs.readFileSync(path.join(moduleDir, file)));
  hash.update(parts.join("\0"));
  return hash.digest("hex");
}

function requiredVersion(moduleDir: string, modulePath: string): string {
  const goMod = fs.readFileSync(path.join(moduleDir, "go.mod"), "utf8");
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+v(\\S+)`, "m").exec(goMod);
  if (!match) throw new Error(`${moduleDir}/go.mod: no require line for ${modulePath}`);
  return match[1]!;
}

function installDynamicProvider(): EngineBinary {
  const pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] });
  const script = path.join(path.dirname(pkg), DYNAMIC_PROVIDER);
  const version = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;

  const out = path.join(TOOLS_BIN, DYNAMIC_PROVIDER);
  fs.copyFileSync(script, out);
  fs.chmodSync(out, 0o755);

  return { name: DYNAMIC_PROVIDER, path: out, version: `v${version}`, source: "npm" };
}

function findOnPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    if (path.resolve(dir) === TOOLS_BIN) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return fs.realpathSync(candidate);
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `pulumi version` prints `v3.248.0`; anything else means the binary is unusable. */
export function pulumiVersion(cli: string): string | undefined {
  try {
    const out = execFileSync(cli, ["version"], {
      encoding: "utf8",
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    return /^v?(\d+\.\d+\.\d+)/.exec(out.trim())?.[1];
  } catch {
    return undefined;
  }
}

function readGoVersion(): string | undefined {
  try {
    const out = execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" });
    return /go(\d+\.\d+(?:\.\d+)?)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** Compares dotted numeric versions: negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function installAdvice(goVersion: string | undefined): string {
  const found = goVersion ? `Go ${goVersion} is too old` : "Go is not installed";
  return [
    `No Pulumi engine: no pulumi v${MIN_PULUMI_VERSION}+ on PATH, and ${found} to build one.`,
    "Install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/), for example",
    "  curl -fsSL https://get.pulumi.com | sh    or    brew install pulumi/tap/pulumi",
    `or install Go ${MIN_GO_VERSION} or later (https://go.dev/dl/), then run npm run setup again.`,
  ].join("\n");
}
