import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import type { Twilio } from "../../src/twilio/client";
import { createTwilioClient } from "../../src/twilio/client";
import { RequestCounter } from "../engine/emulator-hooks";

/** An emulator the providers reach through the environment, as in the provider process. */
export interface ProviderHarness {
  emulator: RunningEmulator;
  twilio: Twilio;
  requests: RequestCounter;
  close(): Promise<void>;
}

export async function startProviderHarness(
  seed?: Parameters<typeof startEmulator>[0],
): Promise<ProviderHarness> {
  const emulator = await startEmulator(seed);
  process.env.TWILIO_ACCOUNT_SID = emulator.accountSid;
  process.env.TWILIO_AUTH_TOKEN = emulator.authToken;
  process.env.TWILIO_API_BASE_URL = emulator.url;
  process.env.TWILIO_RETRY_BASE_MS = "1";
  delete process.env.TWILIO_API_KEY;

  return {
    emulator,
    twilio: createTwilioClient(),
    requests: new RequestCounter(emulator.url),
    close: () => emulator.close(),
  };
}
