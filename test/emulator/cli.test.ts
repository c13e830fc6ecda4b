import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

const BIN = path.resolve(__dirname, "../../bin/sms-integrations.js");
const BANNER = /^Twilio emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m;

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

async function baseUrl(process: Run): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = BANNER.exec(process.stdout());
    if (match) return match[1];
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

  it("exits 1 naming the file and the field of a bad seed", async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, "seed.json"), JSON.stringify({ owned: [{ phoneNumber: "8885550142" }] }));
    const cli = run(["--port", "0", "--seed", "seed.json"], {}, cwd);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/seed\.json\.owned\[0\]\.phoneNumber: expected an E\.164 phone number/);
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });

  it("exits 1 with the remedy when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const cli = run(["--port", String(port)]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain(`port ${port} on 127.0.0.1 is in use; pass --port with a free port`);
    blocker.close();
  });

  it("exits 2 on a malformed option", async () => {
    const cli = run(["--port", "http"]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/--port.*expected a port number/);
  });
});
