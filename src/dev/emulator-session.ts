import * as fs from "node:fs";
import * as path from "node:path";

import { startEmulator } from "../../emulator";
import { LOCAL_PULUMI } from "../engine/paths";

/** The Twilio that `npm start` talks to: the embedded emulator, or one already running. */
export interface EmulatorSession {
  url: string;
  accountSid: string;
  authToken: string;
  /** Whether this process started the emulator (and so keeps and stops it). */
  owned: boolean;
  /** Stops the emulator when owned; its state file keeps the account for the next run. */
  close(): Promise<void>;
}

/** Where the dev stack keeps the embedded emulator between runs (git-ignored). */
const DEV_DIR = path.join(LOCAL_PULUMI, "dev");
const CREDENTIALS_FILE = path.join(DEV_DIR, "emulator-credentials.json");
const STATE_FILE = path.join(DEV_DIR, "emulator-state.json");

/**
 * Attaches to the emulator at `TWILIO_API_BASE_URL`, or starts the embedded one with the
 * account and state of the previous run. The dev stack's Pulumi state refers to the numbers
 * and verifications the emulator holds, so both are kept side by side in `.pulumi/`.
 */
export async function openEmulatorSession(env = process.env): Promise<EmulatorSession> {
  if (env.TWILIO_API_BASE_URL) return attach(env.TWILIO_API_BASE_URL, env);

  fs.mkdirSync(DEV_DIR, { recursive: true });
  const saved = readJson<{ accountSid: string; authToken: string }>(CREDENTIALS_FILE);
  const emulator = await startEmulator({
    accountSid: saved?.accountSid,
    authToken: saved?.authToken,
    // The dev stack shows a whole conversation before Twilio's days-long review: the
    // emulator's demo switch lets replies leave a number whose verification is pending.
    allowUnverifiedSending: true,
    stateFile: STATE_FILE,
  });
  writeJson(CREDENTIALS_FILE, { accountSid: emulator.accountSid, authToken: emulator.authToken });

  return {
    url: emulator.url,
    accountSid: emulator.accountSid,
    authToken: emulator.authToken,
    owned: true,
    close: () => emulator.close(),
  };
}

function attach(url: string, env: NodeJS.ProcessEnv): EmulatorSession {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = env;
  if (!accountSid || !authToken) {
    throw new Error(
      "TWILIO_API_BASE_URL is set, so npm start uses that emulator: set TWILIO_ACCOUNT_SID and " +
        "TWILIO_AUTH_TOKEN to the credentials it printed, or unset TWILIO_API_BASE_URL.",
    );
  }
  return { url, accountSid, authToken, owned: false, close: async () => {} };
}

/** Calls one of the emulator's `/_emulator/` test hooks. */
export async function hook(url: string, method: string, name: string, body?: unknown) {
  const response = await fetch(`${url}/_emulator/${name}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`emulator ${method} /_emulator/${name}: HTTP ${response.status} ${text}`);
  }
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : undefined;
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}
