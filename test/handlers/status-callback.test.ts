import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { InMemoryRouteStore } from "../../handlers/core/routes";
import { startLocalRuntime } from "../../handlers/local/local-runtime";
import type { LocalRuntime } from "../../handlers/local/local-runtime";
import { ACCOUNT_SID, AGENT_TOKEN, BRIGHTSMILE, captureLogs, fakeSender, formBody, messageSid,
  postSigned, PRIMARY_TOKEN } from "./helpers";

let runtime: LocalRuntime;
const logs = captureLogs();

beforeAll(async () => {
  runtime = await startLocalRuntime({ authTokens: [PRIMARY_TOKEN],
    routes: new InMemoryRouteStore([BRIGHTSMILE]), sender: fakeSender().sender,
    agent: { url: "http://127.0.0.1:9/unused", token: AGENT_TOKEN }, logger: logs.logger });
});

afterAll(() => runtime.close());

/** The parameters of a status callback for a reply to `to` (twilio-reference 5.3). */
function statusParams(to: string, status: string, errorCode?: string): Record<string, string> {
  const sid = messageSid();
  return { AccountSid: ACCOUNT_SID, ApiVersion: "2010-04-01", From: BRIGHTSMILE.phoneNumber,
    MessageSid: sid, MessageStatus: status, SmsSid: sid, SmsStatus: status, To: to,
    ...(errorCode ? { ErrorCode: errorCode } : {}) };
}

describe("delivery-status callback", () => {
  it("logs 30032 as an error against the integration", async () => {
    const answer = await postSigned(runtime.urls.statusCallbackUrl,
      statusParams("+12175550134", "undelivered", "30032"));

    expect(answer.status).toBe(200);
    expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
      integration: BRIGHTSMILE.integration, twilioErrorCode: 30032,
      message: expect.stringContaining("toll-free number not verified") }));
  });

  it("records an opt-out when a reply failed with 21610", async () => {
    const recipient = "+12175550177";

    await postSigned(runtime.urls.statusCallbackUrl, statusParams(recipient, "failed", "21610"));

    expect(await runtime.optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, recipient)).toBe(true);
  });

  it("rejects an unsigned status callback and records nothing", async () => {
    const recipient = "+12175550188";
    const response = await fetch(runtime.urls.statusCallbackUrl, { method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: formBody(statusParams(recipient, "failed", "21610")) });

    expect(response.status).toBe(403);
    expect(await runtime.optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, recipient)).toBe(false);
  });

  it("accepts a delivered status", async () => {
    const answer = await postSigned(runtime.urls.statusCallbackUrl,
      statusParams("+12175550134", "delivered"));

    expect(answer.status).toBe(200);
    expect(logs.records()).toContainEqual(expect.objectContaining({ level: "INFO",
      message: "reply status", status: "delivered" }));
  });
});
