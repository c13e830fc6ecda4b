import http from "node:http";
import type { AddressInfo } from "node:net";

import { describe, expect, it } from "vitest";

import { ConcurrencyLimiter, sharedLimiter } from "../../src/twilio/concurrency";
import { createTwilioClient } from "../../src/twilio/client";

const ACCOUNT = `AC${"1".repeat(32)}`;

describe("the concurrency limiter", () => {
  it("never runs more tasks at once than its limit, and runs them all", async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 2 + (i % 3)));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it("frees the slot of a task that fails", async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "next")).toBe("next");
  });

  it("is shared per process and limit", () => {
    expect(sharedLimiter(4)).toBe(sharedLimiter(4));
    expect(sharedLimiter(4)).not.toBe(sharedLimiter(5));
  });

  it("refuses a limit below 1", () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(/at least 1/);
  });
});

describe("bounded concurrency through the client factory", () => {
  it("keeps Twilio requests of all clients of the process within TWILIO_MAX_CONCURRENCY", async () => {
    let inFlight = 0;
    let peak = 0;
    const server = http.createServer((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ available_phone_numbers: [], uri: "/" }));
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const env = {
      TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: "token",
      TWILIO_API_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      TWILIO_MAX_CONCURRENCY: "3",
    };
    const clients = [createTwilioClient({ env }), createTwilioClient({ env })];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        clients[i % 2].availablePhoneNumbers("US").tollFree.list({ areaCode: 833 }),
      ),
    );
    server.close();
    expect(peak).toBe(3);
  });
});
