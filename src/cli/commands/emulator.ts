import { readFile } from "node:fs/promises";

import { type Command, InvalidArgumentError } from "commander";
import { parse as parseYaml } from "yaml";

import type { EmulatorSeed, RunningEmulator } from "../../../emulator";
import { checkSeed, startEmulator } from "../../../emulator";
import { newAuthToken, newSid } from "../../../emulator/sids";
import { EXIT, ExitError } from "../errors";

interface EmulatorCommandOptions {
  port: number;
  host: string;
  seed?: string;
  autoReview?: number;
  state?: string;
  allowUnverifiedSending?: boolean;
}

/**
 * `sms-integrations emulator`: runs the Twilio emulator until SIGINT or SIGTERM. It uses the
 * credentials in TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN when set, else makes a pair and prints
 * it, and keeps no state unless `--state FILE` asks for it.
 */
export function registerEmulatorCommand(program: Command): void {
  program.command("emulator")
    .description("run the Twilio emulator: phone numbers, messages and toll-free verifications")
    .option("--port <n>", "TCP port, 0 for any free one", parsePort, 4010)
    .option("--host <address>", "interface to listen on", "127.0.0.1")
    .option("--seed <file>", "JSON or YAML seed: inventory, owned numbers, services, API keys")
    .option("--auto-review <seconds>", "approve or reject verifications after SECONDS",
      parseSeconds)
    .option("--state <file>", "load state from FILE if it exists, save it there on change")
    .option("--allow-unverified-sending", "let toll-free numbers send before approval (demos)")
    .action(runEmulator);
}

async function runEmulator(options: EmulatorCommandOptions): Promise<void> {
  const seed = options.seed === undefined ? undefined : await readSeed(options.seed);
  const credentials = credentialsFromEnvironment(process.env);
  const emulator = await start(options, seed, credentials);
  printBanner(emulator, credentials.fromEnvironment);

  const signal = await nextSignal(["SIGINT", "SIGTERM"]);
  await emulator.close();
  console.log(`Twilio emulator stopped (${signal})`);
}

async function start(
  options: EmulatorCommandOptions,
  seed: EmulatorSeed | undefined,
  credentials: EmulatorCredentials,
): Promise<RunningEmulator> {
  try {
    return await startEmulator({
      port: options.port, host: options.host, seed, autoReviewSeconds: options.autoReview,
      stateFile: options.state, allowUnverifiedSending: options.allowUnverifiedSending,
      accountSid: credentials.accountSid, authToken: credentials.authToken,
      apiKeys: credentials.apiKeys,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE") {
      throw new ExitError(EXIT.problems, `sms-integrations emulator: port ${options.port} on ` +
        `${options.host} is in use; pass --port with a free port, or --port 0 for any`);
    }
    if (code === "EADDRNOTAVAIL") {
      throw new ExitError(EXIT.usage, `sms-integrations emulator: --host ${options.host} is ` +
        "not an address of this machine; use 127.0.0.1");
    }
    if (options.state && error instanceof SyntaxError) {
      throw new ExitError(EXIT.problems, `sms-integrations emulator: --state ${options.state} ` +
        `is not a saved emulator state (${error.message}); move it away or pick another file`);
    }
    throw error;
  }
}

interface EmulatorCredentials {
  accountSid: string;
  authToken: string;
  apiKeys: Array<{ sid: string; secret: string }>;
  fromEnvironment: boolean;
}

function credentialsFromEnvironment(env: NodeJS.ProcessEnv): EmulatorCredentials {
  const accountSid = env.TWILIO_ACCOUNT_SID || undefined;
  const authToken = env.TWILIO_AUTH_TOKEN || undefined;
  const apiKeys = env.TWILIO_API_KEY && env.TWILIO_API_SECRET
    ? [{ sid: env.TWILIO_API_KEY, secret: env.TWILIO_API_SECRET }]
    : [];
  if (!accountSid && !authToken) {
    return { accountSid: newSid("AC"), authToken: newAuthToken(), apiKeys, fromEnvironment: false };
  }
  if (!accountSid || !authToken) {
    const missing = accountSid ? "TWILIO_AUTH_TOKEN" : "TWILIO_ACCOUNT_SID";
    throw new ExitError(EXIT.usage, `sms-integrations emulator: ${missing} is not set while ` +
      "the other one is; set both, or neither to get a generated pair");
  }
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new ExitError(EXIT.usage, "sms-integrations emulator: TWILIO_ACCOUNT_SID must be AC " +
      "followed by 32 hex digits; unset it to get a generated pair");
  }
  return { accountSid, authToken, apiKeys, fromEnvironment: true };
}

/** Prints the base URL first, on one line a script can parse, then what a client needs. */
function printBanner(emulator: RunningEmulator, fromEnvironment: boolean): void {
  console.log(`Twilio emulator listening on ${emulator.url}`);
  console.log(`TWILIO_API_BASE_URL=${emulator.url}`);
  console.log(`TWILIO_ACCOUNT_SID=${emulator.accountSid}`);
  // A generated token is the emulator's own and worthless elsewhere; one from the
  // environment may be real, so it is never echoed.
  if (fromEnvironment) console.log("TWILIO_AUTH_TOKEN is the one from the environment");
  else console.log(`TWILIO_AUTH_TOKEN=${emulator.authToken}`);
  console.log(`Test hooks: ${emulator.url}/_emulator/ (Ctrl-C stops the emulator)`);
}

async function readSeed(file: string): Promise<EmulatorSeed> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new ExitError(EXIT.usage, `sms-integrations emulator: --seed ${file} cannot be read; ` +
      "pass a JSON or YAML seed file");
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ExitError(EXIT.problems, `sms-integrations emulator: ${file} is not valid ` +
      `${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(error as Error).message}`);
  }
  try {
    return checkSeed(value, file);
  } catch (error) {
    throw new ExitError(EXIT.problems, `sms-integrations emulator: ${(error as Error).message}`);
  }
}

/** Resolves with the first of the signals; the listeners are removed again. */
function nextSignal(signals: NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        handlers.forEach(([name, fn]) => process.off(name, fn));
        resolve(signal);
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  }
  return port;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new InvalidArgumentError("expected a number of seconds, 0 or more");
  }
  return seconds;
}
