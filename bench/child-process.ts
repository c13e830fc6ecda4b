import { spawn } from "node:child_process";
import * as path from "node:path";

/**
 * Runs `script` (a TypeScript file of bench/) in a fresh Node process and returns the JSON it
 * prints on its last line of stdout. A fresh process per run is what a command line user gets:
 * no module cache, no warm JIT, its own heap.
 */
export function runChild<T>(script: string, args: string[] = [],
  env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const file = path.join(__dirname, script);
  return runNode(["--import", "tsx", file, ...args], env).then((out) => lastJson<T>(out, script));
}

/** Runs `node` with `args`; resolves with stdout, rejects with stderr on a non-zero exit. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => code === 0 ? resolve(stdout)
      : reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr.slice(-2000)}`)));
  });
}

function lastJson<T>(stdout: string, script: string): T {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${script} printed no JSON result: ${stdout.slice(-500)}`);
  }
}
