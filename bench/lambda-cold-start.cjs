// One cold start of a bundled Lambda handler, in the fresh Node process that runs this file:
// `node lambda-cold-start.cjs <bundle> <event.json>`. Prints, as JSON, how long Node took to
// reach this script, to require the bundle and to answer the first event, and the answer.
const { performance } = require("node:perf_hooks");

const bootMs = performance.now();
const fs = require("node:fs");

async function main() {
  const [bundle, eventFile] = process.argv.slice(2);
  const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));
  const context = { awsRequestId: "cold-start-1", functionName: "sms-inbound",
    getRemainingTimeInMillis: () => 10_000 };

  const loading = performance.now();
  const { handler } = require(bundle);
  const invoking = performance.now();
  const answer = await handler(event, context);
  const answered = performance.now();

  console.log(JSON.stringify({ bootMs, requireMs: invoking - loading,
    firstInvocationMs: answered - invoking, statusCode: answer.statusCode, body: answer.body }));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
