import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { describe, expect, it } from "vitest";

import type { HandlerLogger } from "../../handlers/core/log";
import { maskPhone } from "../../handlers/core/redact";
import { createLocalLogger } from "../../handlers/local/local-logger";
import { AGENT_TOKEN, BRIGHTSMILE, captureLogs as capturePowertools, PATIENT,
  PRIMARY_TOKEN } from "./helpers";

interface Captured {
  logger: HandlerLogger;
  lines: string[];
  records(): Record<string, unknown>[];
}

function captureLocal(): Captured {
  const lines: string[] = [];
  const logger = createLocalLogger({ serviceName: "test", level: "debug",
    destination: { write: (line: string) => void lines.push(line.trimEnd()) } });
  return { logger, lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** The AWS runtime logs through Powertools, the local runtime through pino: the same rules. */
const LOGGERS: [string, () => Captured][] = [
  ["Powertools (AWS)", capturePowertools],
  ["the local runtime's", captureLocal],
];

describe.each(LOGGERS)("handler logs through %s logger", (_name, captureLogs) => {
  it.each([
    ["a field holding a number", { from: PATIENT }, "+*******0134"],
    ["a number inside a sentence", { cause: `21610: ${PATIENT} unsubscribed` },
      "21610: +*******0134 unsubscribed"],
    ["a nested field", { route: { phoneNumber: BRIGHTSMILE.phoneNumber } }, "+*******0100"],
    ["a list of numbers", { to: [PATIENT, BRIGHTSMILE.phoneNumber] }, "+*******0100"],
  ])("mask the phone number in %s to its last four digits", (_case, fields, expected) => {
    const logs = captureLogs();

    logs.logger.info("message queued", fields);

    expect(logs.lines[0]).toContain(expected);
    expect(logs.lines[0]).not.toContain(PATIENT);
    expect(logs.lines[0]).not.toContain(BRIGHTSMILE.phoneNumber);
  });

  it.each([
    ["authToken", PRIMARY_TOKEN],
    ["authorization", `Bearer ${AGENT_TOKEN}`],
    ["x-twilio-signature", "lKx7nWJoHzNvMq1S9gGi+0s3K4o="],
    ["agentApiKey", AGENT_TOKEN],
  ])("never write the value under the secret-looking key %s", (key, secret) => {
    const logs = captureLogs();

    logs.logger.warn("rejected webhook", { [key]: secret });

    expect(logs.records()[0]![key]).toBe("[redacted]");
    expect(logs.lines[0]).not.toContain(secret);
  });

  it("leaves text without numbers as it was", () => {
    const logs = captureLogs();

    logs.logger.info("agent chose not to reply", { integration: BRIGHTSMILE.integration,
      note: "C++ agents reply in 2+ seconds" });

    expect(logs.records()[0]).toMatchObject({ integration: "brightsmile-dental",
      note: "C++ agents reply in 2+ seconds" });
  });

  it("write one JSON record per call with level, message, timestamp and service", () => {
    const logs = captureLogs();

    logs.logger.warn("Twilio used the fallback URL", { twilioErrorCode: "11200" });

    expect(logs.records()).toEqual([expect.objectContaining({ level: "WARN",
      message: "Twilio used the fallback URL", service: "test", twilioErrorCode: "11200",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) })]);
  });

  it("write an error as its name and message, numbers masked", () => {
    const logs = captureLogs();

    logs.logger.error("reply refused", { error: new TypeError(`bad recipient ${PATIENT}`) });

    expect(logs.records()[0]!.error).toMatchObject({ name: "TypeError",
      message: "bad recipient +*******0134" });
    expect(logs.lines[0]).not.toContain(PATIENT);
  });

  it("mask a number in the message itself", () => {
    const logs = captureLogs();

    logs.logger.info(`no route for ${BRIGHTSMILE.phoneNumber}`);

    expect(logs.records()[0]!.message).toBe("no route for +*******0100");
  });
});

describe("phone masking", () => {
  it("masks a short number entirely", () => {
    expect(maskPhone("+1234")).toBe("+****");
  });
});

/** A script that logs `lines` lines through the default destination, then runs `after`. */
function loggingScript(dir: string, lines: number, after: string): string {
  const script = path.join(dir, "log-lines.ts");
  const loggerModule = path.resolve(__dirname, "../../handlers/local/local-logger.ts");
  fs.writeFileSync(script, [
    `import * as fs from "node:fs";`,
    `import { createLocalLogger } from ${JSON.stringify(loggerModule)};`,
    `const logger = createLocalLogger({ serviceName: "t" });`,
    `const started = Date.now();`,
    `for (let i = 0; i < ${lines}; i += 1) {`,
    `  logger.info("message queued", { from: "${PATIENT}", body: "x".repeat(300) });`,
    `}`,
    after,
  ].join("\n"));
  return script;
}

describe("the local runtime's logger by default", () => {
  it("has written each line to a file when the call returns", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-logger-"));
    const stdout = path.join(dir, "stdout.jsonl");
    // A thousand lines, and the size of stdout read in the same tick as the last call: an
    // asynchronous destination would still be writing most of them.
    const script = loggingScript(dir, 1000,
      `process.stderr.write(String(fs.fstatSync(1).size)); process.exit(0);`);
    const out = fs.openSync(stdout, "w");

    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", script],
        { stdio: ["ignore", out, "pipe"], encoding: "utf8" });
      const sizeWhenReturned = run.stderr;
      const lines = fs.readFileSync(stdout, "utf8");

      expect(Number(sizeWhenReturned)).toBe(Buffer.byteLength(lines));
      expect(lines.trimEnd().split("\n")).toHaveLength(1000);
      expect(JSON.parse(lines.split("\n")[0]!)).toMatchObject({ level: "INFO",
        message: "message queued", service: "t", from: "+*******0134" });
    } finally {
      fs.closeSync(out);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps logging while the reader of its pipe stops reading, and loses no line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-logger-"));
    // About 1 MB, several times what a pipe buffers: written synchronously, the loop would
    // wait for the reader.
    const script = loggingScript(dir, 3000,
      `process.stderr.write(\`logged in \${Date.now() - started} ms\\n\`);`);
    const holdMs = 1500;

    try {
      const child = spawn(process.execPath, ["--import", "tsx", script],
        { stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.pause();
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      setTimeout(() => child.stdout.resume(), holdMs);
      await new Promise((resolve) => child.once("close", resolve));

      const loggedMs = Number(/logged in (\d+) ms/.exec(stderr)?.[1]);
      expect(loggedMs).toBeLessThan(holdMs / 2);
      expect(stdout.trimEnd().split("\n")).toHaveLength(3000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
