import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../src/engine/paths";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const API_ENDPOINT = "https://abc123.execute-api.us-east-1.amazonaws.com";
const resources: Recorded[] = [];

/** What the mocked engine reports for a resource: inputs, plus what AWS or Twilio would add. */
function stateOf(type: string, name: string) {
  if (type === "aws:apigatewayv2/api:Api") return { apiEndpoint: API_ENDPOINT };
  if (type === "pulumi-nodejs:dynamic/twilio:TollFreeNumber") {
    const digits = String(1000000 + resources.length).slice(-7);
    return { sid: `PN${name.padEnd(32, "0").slice(0, 32)}`, phoneNumber: `+1833${digits}` };
  }
  return { arn: `arn:aws:mock:us-east-1:123456789012:${name}`, name };
}

describe("the program on a real (AWS) stack", () => {
  beforeAll(async () => {
    const integrations = fs.mkdtempSync(path.join(os.tmpdir(), "aws-stack-"));
    for (const name of ["brightsmile-dental", "northside-bakery"]) {
      fs.copyFileSync(path.join(REPO_ROOT, "integrations", `${name}.yaml`),
        path.join(integrations, `${name}.yaml`));
    }
    pulumi.runtime.setAllConfig({
      "sms-integrations:webhookRuntime": "aws",
      "sms-integrations:integrationsDir": integrations,
      "sms-integrations:twilioAccountSid": "AC0123456789abcdef0123456789abcdef",
      "sms-integrations:twilioAuthToken": "token-for-mocks",
      "sms-integrations:agentApiUrl": "https://agents.central.example/v1/sms",
      "sms-integrations:agentApiToken": "agent-token-for-mocks",
    }, ["sms-integrations:twilioAuthToken", "sms-integrations:agentApiToken"]);
    await pulumi.runtime.setMocks({
      newResource: (args) => {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs,
          ...stateOf(args.type, args.name) } };
      },
      call: (args) => args.inputs,
    }, "sms-integrations", "production", false);

    const program = (await import("../../src/program/index")) as unknown as {
      default: Promise<Record<string, pulumi.Input<unknown>>>;
    };
    const outputs = await program.default;
    // Mocked resources register as their inputs resolve: wait for every stack output.
    await new Promise((resolve) => pulumi.output(outputs).apply(resolve));
  });

  const ofType = (type: string) => resources.filter((r) => r.type === type);

  it("binds every number to the HTTP API's inbound URL", async () => {
    const bindings = ofType("pulumi-nodejs:dynamic/twilio:WebhookBinding");

    expect(bindings.map((b) => b.name).sort()).toEqual([
      "brightsmile-dental-webhook", "northside-bakery-webhook"]);
    for (const binding of bindings) {
      expect(binding.inputs.smsUrl).toBe(`${API_ENDPOINT}/sms/inbound`);
      expect(binding.inputs.smsFallbackUrl).toBe(`${API_ENDPOINT}/sms/fallback`);
    }
  });

  it("writes one route item per integration, naming its agent", async () => {
    const items = ofType("aws:dynamodb/tableItem:TableItem");
    const routes = items.map((i) => JSON.parse(String(i.inputs.item)) as Record<string,
      { S: string }>);

    expect(routes.map((r) => [r.integration?.S, r.agentId?.S]).sort()).toEqual([
      ["brightsmile-dental", "agt_01HZX3K9BRIGHTSMILE"],
      ["northside-bakery", "agt_01HZX3KBNORTHSIDE"],
    ]);
  });

  it("keeps the verification's contact details out of plain state", async () => {
    const [verification] = ofType("pulumi-nodejs:dynamic/twilio:Verification");

    expect(JSON.stringify(verification!.inputs.request)).not.toContain("dana.whitfield");
    expect(JSON.stringify(verification!.inputs.__provider)).not.toMatch(/token-for-mocks|\/work\//);
  });
});
