import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it, vi } from "vitest";

import { ExitError } from "../../src/cli/errors";
import { buildProgram } from "../../src/cli/program";

const BIN = path.resolve(__dirname, "../../bin/sms-integrations.js");
const BANNER = /^Twilio emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m;
const BANNER_END = /^Test hooks: .*\(Ctrl-C stops the emulator\)$/m;

interface Run {
  stdout: () => string;
  stderr: () => string;
  signal(name: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

/** Starts `sms-integrations emulator …` in a fresh directory with a clean Twilio environment. */
function run(args: string[], env: Record<string, string> = {}, cwd = tempDir()): Run {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("TWILIO_")),
  );
  const child = spawn(process.execPath, [BIN, "emulator", ...args], {
    cwd, env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    signal: (name) => child.kill(name),
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "emulator-cli-"));
}

/** The base URL, once the whole banner is out: a pipe may deliver its lines in several reads. */
async function baseUrl(process: Run): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = BANNER.exec(process.stdout());
    if (match && BANNER_END.test(process.stdout())) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no banner; stdout: ${process.stdout()} stderr: ${process.stderr()}`);
}

describe.concurrent("sms-integrations emulator", () => {
  it("serves with a generated pair, applies --seed, and stops on SIGTERM with exit 0", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "seed.yaml"), "owned:\n  - phoneNumber: \"+18885550142\"\n");
    const cli = run(["--port", "0", "--seed", "seed.yaml"], {}, cwd);
    const url = await baseUrl(cli);
    const output = cli.stdout();
    const accountSid = /^TWILIO_ACCOUNT_SID=(AC[0-9a-f]{32})$/m.exec(output)?.[1];
    const authToken = /^TWILIO_AUTH_TOKEN=([0-9a-f]{32})$/m.exec(output)?.[1];
    expect(output).toContain(`TWILIO_API_BASE_URL=${url}`);

    const answer = await fetch(
      `${url}/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`,
      { headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}` } },
    );
    const body = (await answer.json()) as {
      incoming_phone_numbers: Array<{ phone_number: string }>;
    };
    expect(body.incoming_phone_numbers.map((n) => n.phone_number)).toEqual(["+18885550142"]);

    cli.signal("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain("Twilio emulator stopped (SIGTERM)");
    expect(readdirSync(cwd)).toEqual(["seed.yaml"]);
  });

  it("uses TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN without printing the token, and stops on SIGINT", async () => {
    const accountSid = `AC${"a".repeat(32)}`;
    const cli = run(["--port", "0"], { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: "real-looking-secret" });
    const url = await baseUrl(cli);
    expect(cli.stdout()).toContain(`TWILIO_ACCOUNT_SID=${accountSid}`);
    expect(cli.stdout()).not.toContain("real-looking-secret");
    const answer = await fetch(`${url}/v1/Tollfree/Verifications`, {
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:real-looking-secret`).toString("base64")}` },
    });
    expect(answer.status).toBe(200);
    cli.signal("SIGINT");
    expect(await cli.exited).toBe(0);
  });

});

/** Runs the command in this process up to its first failure: the cases that never serve. */
async function failure(args: string[], cwd?: string): Promise<ExitError> {
  const previous = process.cwd();
  if (cwd) process.chdir(cwd);
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(["node", "sms-integrations", "emulator", ...args]);
  } catch (error) {
    if (error instanceof ExitError) return Object.assign(error, { stderr: stderr.mock.calls.join("") });
    throw error;
  } finally {
    stderr.mockRestore();
    process.chdir(previous);
  }
  throw new Error("the command did not fail");
}

describe("sms-integrations emulator refusing to start", () => {
  it("exits 1 naming the file and the field of a bad seed", async () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, "seed.json"), JSON.stringify({ owned: [{ phoneNumber: "8885550142" }] }),
    );
    const error = await failure(["--port", "0", "--seed", "seed.json"], cwd);
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(
      /seed\.json\.owned\[0\]\.phoneNumber: expected an E\.164 phone number/,
    );
  });

  it("exits 1 naming the file of a seed that is not JSON", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "seed.json"), "{ owned: ");
    const error = await failure(["--port", "0", "--seed", "seed.json"], cwd);
    expect(error).toMatchObject({ exitCode: 1, message: expect.stringContaining("seed.json is not valid JSON") });
  });

  it("exits 1 with the remedy when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const error = await failure(["--port", String(port)]);
    blocker.close();
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`port ${port} on 127.0.0.1 is in use; pass --port with a free port`);
  });

  it("exits 2 when only one of the credential variables is set", async () => {
    vi.stubEnv("TWILIO_ACCOUNT_SID", `AC${"a".repeat(32)}`);
    vi.stubEnv("TWILIO_AUTH_TOKEN", "");
    const error = await failure(["--port", "0"]);
    vi.unstubAllEnvs();
    expect(error).toMatchObject({
      exitCode: 2, message: expect.stringContaining("TWILIO_AUTH_TOKEN is not set while the other one is"),
    });
  });

  it("exits 2 on a malformed option", async () => {
    const error = await failure(["--port", "http"]);
    expect(error.exitCode).toBe(2);
    expect((error as ExitError & { stderr: string }).stderr).toMatch(/--port.*expected a port number/);
  });
});
