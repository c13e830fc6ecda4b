/**
 * Reads `pulumi preview --json` output for the workflows (.github/workflows):
 *
 *   tsx scripts/plan-summary.ts callout <preview.json> --stack S [--pr N]
 *     prints a callout of steps that release a toll-free number or delete a verification (or
 *     nothing); with --pr and GITHUB_TOKEN, also puts it at the top of the pulumi/actions
 *     preview comment of that pull request.
 *   tsx scripts/plan-summary.ts drift <preview.json> --stack S
 *     prints the drift a preview after a refresh found, as Markdown for the job summary, and
 *     exits 1 naming each file and field when there is any.
 */
import { readFileSync } from "node:fs";

import {
  changedSteps, driftLines, formatCallout, formatDrift, irreversibleSteps, withCallout,
} from "../src/status/plan-summary";

/** The project name in pulumi/actions' comment heading: Pulumi.yaml `name`. */
const PROJECT = "sms-integrations";

async function main(args: string[]): Promise<number> {
  const [mode, file] = args;
  const stack = option(args, "--stack");
  if ((mode !== "callout" && mode !== "drift") || !file || !stack) {
    console.error("usage: plan-summary.ts callout|drift <preview.json> --stack NAME [--pr N]");
    return 2;
  }
  const preview = readPreview(file);

  if (mode === "drift") {
    const steps = changedSteps(preview);
    process.stdout.write(formatDrift(stack, steps));
    if (steps.length) console.error(["Drift found; fix these files or run pulumi up:",
      ...driftLines(steps)].join("\n"));
    return steps.length ? 1 : 0;
  }

  const callout = formatCallout(stack, irreversibleSteps(preview));
  process.stdout.write(callout);
  const pr = option(args, "--pr");
  if (pr) await annotateComment(Number(pr), stack, callout);
  return 0;
}

/** `pulumi preview --json` prints one JSON document; anything before it (warnings) is skipped. */
function readPreview(file: string): unknown {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("{");
  if (start < 0) throw new Error(`${file} holds no preview JSON; run pulumi preview --json`);
  return JSON.parse(text.slice(start));
}

/** Puts the callout under the heading of the pulumi/actions comment on the pull request. */
async function annotateComment(pr: number, stack: string, callout: string): Promise<void> {
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repo } = process.env;
  const api = process.env.GITHUB_API_URL ?? "https://api.github.com";
  if (!token || !repo) throw new Error("--pr needs GITHUB_TOKEN and GITHUB_REPOSITORY");
  const heading = `#### :tropical_drink: \`preview\` on ${PROJECT}/${stack}`;
  const headers = { authorization: `Bearer ${token}`, accept: "application/vnd.github+json" };

  for (let page = 1; page < 50; page++) {
    const response = await fetch(
      `${api}/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`, { headers });
    if (!response.ok) throw new Error(`listing comments of #${pr}: HTTP ${response.status}`);
    const comments = (await response.json()) as { id: number; body?: string }[];
    const comment = comments.find((c) => c.body?.startsWith(heading));
    if (comment) {
      const body = withCallout(comment.body ?? "", heading, callout);
      if (body === comment.body) return;
      const patched = await fetch(`${api}/repos/${repo}/issues/comments/${comment.id}`,
        { method: "PATCH", headers, body: JSON.stringify({ body }) });
      if (!patched.ok) throw new Error(`updating comment ${comment.id}: HTTP ${patched.status}`);
      return;
    }
    if (comments.length < 100) break;
  }
  if (callout) throw new Error(`no pulumi/actions comment "${heading}" on #${pr}`);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  console.error(`plan-summary: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
