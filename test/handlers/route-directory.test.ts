import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startLocalAgent } from "../../agent/local-agent";
import { JsonDirectoryRouteStore, removeRouteFile, routeFilePath,
  writeRouteFile } from "../../handlers/local/route-directory";
import { startLocalRuntime } from "../../handlers/local/local-runtime";
import { AGENT_TOKEN, BRIGHTSMILE, captureLogs, fakeSender, inboundParams, NORTHSIDE,
  postSigned, PRIMARY_TOKEN } from "./helpers";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "routes-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("JSON directory route store", () => {
  it("reads a route written as <E.164>.json", async () => {
    await writeRouteFile(directory, BRIGHTSMILE);

    expect(await new JsonDirectoryRouteStore(directory).get(BRIGHTSMILE.phoneNumber))
      .toEqual(BRIGHTSMILE);
    expect(routeFilePath(directory, BRIGHTSMILE.phoneNumber))
      .toBe(path.join(directory, "+18335550100.json"));
  });

  it("picks up a changed and a removed route without being recreated", async () => {
    const store = new JsonDirectoryRouteStore(directory);
    await writeRouteFile(directory, BRIGHTSMILE);
    await store.get(BRIGHTSMILE.phoneNumber);

    await writeRouteFile(directory, { ...BRIGHTSMILE, agentId: "agt_01HZX3K9REPLACED" });
    const changed = await store.get(BRIGHTSMILE.phoneNumber);
    await removeRouteFile(directory, BRIGHTSMILE.phoneNumber);
    const removed = await store.get(BRIGHTSMILE.phoneNumber);

    expect(changed?.agentId).toBe("agt_01HZX3K9REPLACED");
    expect(removed).toBeUndefined();
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["missing the agent id", JSON.stringify({ ...BRIGHTSMILE, agentId: "" }), /agentId/],
    ["for another number", JSON.stringify(NORTHSIDE), /expected \+18335550100/],
  ])("names the file and the problem when a route file is %s", async (_case, text, problem) => {
    await writeFile(routeFilePath(directory, BRIGHTSMILE.phoneNumber), text);

    await expect(new JsonDirectoryRouteStore(directory).get(BRIGHTSMILE.phoneNumber))
      .rejects.toThrow(problem);
  });

  it("refuses to write a route whose number is not E.164", async () => {
    await expect(writeRouteFile(directory, { ...BRIGHTSMILE, phoneNumber: "833-555-0100" }))
      .rejects.toThrow(/not E\.164/);
  });
});

describe("local runtime with a route directory", () => {
  it("routes a number whose file appeared after the runtime started", async () => {
    const agent = await startLocalAgent({ token: AGENT_TOKEN });
    const outbox = fakeSender();
    const runtime = await startLocalRuntime({ authTokens: [PRIMARY_TOKEN],
      routes: new JsonDirectoryRouteStore(directory), sender: outbox.sender,
      agent: { url: agent.url, token: AGENT_TOKEN }, logger: captureLogs().logger });

    try {
      await writeRouteFile(directory, NORTHSIDE);
      await postSigned(runtime.urls.smsUrl, inboundParams({ To: NORTHSIDE.phoneNumber }));
      await runtime.idle();

      expect(agent.calls.map((call) => call.request.agentId)).toEqual([NORTHSIDE.agentId]);
      expect(outbox.sent[0].from).toBe(NORTHSIDE.phoneNumber);
    } finally {
      await runtime.close();
      await agent.close();
    }
  });
});
