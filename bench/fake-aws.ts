import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One AWS API call the fake answered, by its X-Amz-Target. */
export interface FakeAwsCall {
  target: string;
  body: Record<string, unknown>;
}

/** A running fake of the AWS endpoints the inbound function calls. */
export interface FakeAws {
  /** The value for AWS_ENDPOINT_URL. */
  url: string;
  calls: FakeAwsCall[];
  close(): Promise<void>;
}

/**
 * Answers, in the AWS JSON protocols, the four calls of the inbound function's first message:
 * Secrets Manager GetSecretValue (the Twilio secret), DynamoDB PutItem and UpdateItem (the
 * MessageSid idempotency record) and SQS SendMessage (with the MD5 of the body the SDK checks).
 * Just enough AWS for a cold start to run its real path on a machine without AWS.
 */
export async function startFakeAws(secrets: Record<string, string>): Promise<FakeAws> {
  const calls: FakeAwsCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
      calls.push({ target, body });
      const [status, answer] = respond(target, body, secrets);
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" })
        .end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function respond(target: string, body: Record<string, unknown>,
  secrets: Record<string, string>): [number, unknown] {
  if (target === "secretsmanager.GetSecretValue") {
    const id = String(body.SecretId);
    if (!(id in secrets)) {
      return [400, { __type: "ResourceNotFoundException", message: `no secret ${id}` }];
    }
    return [200, { ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${id}`, Name: id,
      SecretString: secrets[id], VersionId: randomUUID(), CreatedDate: 0 }];
  }
  if (target.startsWith("DynamoDB_20120810.")) return [200, {}];
  if (target === "AmazonSQS.SendMessage") {
    const md5 = createHash("md5").update(String(body.MessageBody)).digest("hex");
    return [200, { MessageId: randomUUID(), MD5OfMessageBody: md5 }];
  }
  return [400, { __type: "UnknownOperationException", message: `fake AWS has no ${target}` }];
}
