import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { AgentError, createAgentClient } from "../../agent/client";
import type { AgentRequest } from "../../agent/contract";
import { localAgentReply, startLocalAgent } from "../../agent/local-agent";
import type { LocalAgent } from "../../agent/local-agent";
import { AGENT_TOKEN, BRIGHTSMILE, messageSid, PATIENT } from "../handlers/helpers";

function agentRequest(): AgentRequest {
  return {
    agentId: BRIGHTSMILE.agentId,
    conversationId: "conv_brightsmile_0134",
    messageSid: messageSid(),
    integration: BRIGHTSMILE.integration,
    from: PATIENT,
    to: BRIGHTSMILE.phoneNumber,
    text: "Can I move my cleaning to Friday?",
    receivedAt: "2026-12-03T18:00:00.000Z",
  };
}

const servers: Server[] = [];
let agent: LocalAgent | undefined;

afterEach(async () => {
  await agent?.close();
  agent = undefined;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  })));
});

/** An agent endpoint that answers every call with `handler`. */
async function fakeAgent(handler: (req: IncomingMessage, res: ServerResponse) => void):
  Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => handler(req, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
}

describe("the agent client", () => {
  it("posts the request with the bearer token and returns the agent's reply", async () => {
    agent = await startLocalAgent({ token: AGENT_TOKEN });
    const client = createAgentClient({ url: agent.url, token: AGENT_TOKEN });
    const request = agentRequest();

    const answer = await client.ask(request);

    expect(answer).toEqual({ reply: localAgentReply(request) });
    expect(agent.calls.map((call) => call.request)).toEqual([request]);
  });

  it("sends the MessageSid as the idempotency key, so an agent can drop a repeated call",
    async () => {
      let seen: string | undefined;
      const url = await fakeAgent((req, res) => {
        seen = req.headers["idempotency-key"] as string;
        res.writeHead(200, { "content-type": "application/json" }).end('{"reply":null}');
      });
      const request = agentRequest();

      await expect(createAgentClient({ url, token: AGENT_TOKEN }).ask(request))
        .resolves.toEqual({ reply: null });
      expect(seen).toBe(request.messageSid);
    });

  it("keeps connections alive between calls instead of opening one per call", async () => {
    const ports = new Set<number>();
    const url = await fakeAgent((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      res.writeHead(200, { "content-type": "application/json" }).end('{"reply":"ok"}');
    });
    const client = createAgentClient({ url, token: AGENT_TOKEN });

    for (let i = 0; i < 10; i++) await client.ask(agentRequest());

    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it.each([
    ["an HTTP 503", (res: ServerResponse) => res.writeHead(503).end("down"),
      /agent answered HTTP 503 for SM[0-9a-f]{32}/, 503],
    ["a body that is not JSON", (res: ServerResponse) => res.writeHead(200).end("<html>"),
      /agent answer for SM[0-9a-f]{32} is not JSON/, 200],
    ["JSON without a reply", (res: ServerResponse) => res.writeHead(200).end('{"text":"hi"}'),
      /is not \{"reply": string \| null\}/, 200],
  ])("fails with an AgentError on %s, naming the status", async (_case, answer, message, status) => {
    const url = await fakeAgent((_req, res) => answer(res));

    const failure = await createAgentClient({ url, token: AGENT_TOKEN }).ask(agentRequest())
      .catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(AgentError);
    expect((failure as AgentError).message).toMatch(message);
    expect((failure as AgentError).status).toBe(status);
  });

  it("gives up on an agent that does not answer within the timeout", async () => {
    const url = await fakeAgent(() => undefined);
    const client = createAgentClient({ url, token: AGENT_TOKEN, timeoutMs: 200 });

    await expect(client.ask(agentRequest())).rejects
      .toThrow(/agent call for SM[0-9a-f]{32} failed: no answer within 200 ms/);
  });

  it("says the connection was refused when no agent listens, without the token", async () => {
    const url = await fakeAgent(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));

    const failure = await createAgentClient({ url, token: AGENT_TOKEN }).ask(agentRequest())
      .then(() => new Error("the call succeeded"), (err: unknown) => err as Error);

    expect(failure.message).toMatch(/failed: .*ECONNREFUSED/);
    expect(failure.message).not.toContain(AGENT_TOKEN);
  });
});
