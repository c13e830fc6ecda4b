import http from "node:http";
import type { AddressInfo } from "node:net";

/** A request the emulator made to a test's webhook server. */
export interface ReceivedWebhook {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  params: Record<string, string>;
}

export interface WebhookAnswer {
  status?: number;
  body?: string;
  /** Wait this long before answering (to trip the emulator's timeout). */
  delayMs?: number;
}

/** A local HTTP server standing in for an SMS webhook handler. */
export interface WebhookServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: ReceivedWebhook[];
  /** Sets how the server answers from now on, per request path (without query). */
  answer(path: string, answer: WebhookAnswer): void;
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookServer(): Promise<WebhookServer> {
  const received: ReceivedWebhook[] = [];
  const answers = new Map<string, WebhookAnswer>();
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const params = Object.fromEntries(
        new URLSearchParams(req.method === "GET" ? path.split("?")[1] ?? "" : body),
      );
      received.push({ method: req.method ?? "GET", path, headers: req.headers, body, params });
      waiters.splice(0).forEach((wake) => wake());
      const answer = answers.get(path.split("?")[0]) ?? {};
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { "content-type": "text/xml" });
        res.end(answer.body ?? "<Response/>");
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answer: (path, answer) => answers.set(path, answer),
    async waitFor(count) {
      const deadline = Date.now() + 5000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`${count} webhook requests did not arrive`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
