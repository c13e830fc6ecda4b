import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** One IAM statement, scoped to exact resource ARNs. */
export interface PolicyStatement {
  Effect: "Allow";
  Action: string[];
  Resource: pulumi.Input<string>[];
}

/** Arguments of {@link createWebhookFunction}. */
export interface WebhookFunctionArgs {
  /** Bundle directory holding `index.js` (see bundleLambdas). */
  code: pulumi.asset.Archive;
  description: string;
  timeoutSeconds: number;
  memoryMb?: number;
  environment: Record<string, pulumi.Input<string>>;
  /** What the function may do besides writing its own logs. */
  statements: PolicyStatement[];
  logRetentionDays: number;
}

/** A function with its own log group and its own role. */
export interface WebhookFunction {
  function: aws.lambda.Function;
  role: aws.iam.Role;
  policy: aws.iam.RolePolicy;
  logGroup: aws.cloudwatch.LogGroup;
}

const LAMBDA_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole",
    Principal: { Service: "lambda.amazonaws.com" } }],
});

/**
 * Creates one function of the webhook: a log group with retention (created first and named in
 * the function's logging config, so Lambda never creates an unbounded one), a role only this
 * function assumes, and an inline policy listing exact ARNs, its own log group included.
 */
export function createWebhookFunction(
  name: string,
  args: WebhookFunctionArgs,
  parent: pulumi.Resource,
): WebhookFunction {
  const opts = { parent };
  const logGroup = new aws.cloudwatch.LogGroup(name, {
    retentionInDays: args.logRetentionDays,
  }, opts);
  const role = new aws.iam.Role(name, { assumeRolePolicy: LAMBDA_TRUST,
    description: `${args.description} (sms-integrations)` }, opts);
  const statements: PolicyStatement[] = [
    { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [pulumi.interpolate`${logGroup.arn}:*`] },
    ...args.statements,
  ];
  const policy = new aws.iam.RolePolicy(name, { role: role.id,
    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }) }, opts);

  const fn = new aws.lambda.Function(name, {
    description: args.description,
    // Node.js 20 leaves Lambda support with its upstream end of life (April 2026); the bundle
    // targets Node 20 syntax, so the same code runs here and on the newer runtime.
    runtime: aws.lambda.Runtime.NodeJS22dX,
    architectures: ["arm64"],
    handler: "index.handler",
    code: args.code,
    role: role.arn,
    timeout: args.timeoutSeconds,
    memorySize: args.memoryMb ?? 256,
    environment: { variables: { NODE_OPTIONS: "--enable-source-maps", ...args.environment } },
    loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
  }, { parent, dependsOn: [policy] });

  return { function: fn, role, policy, logGroup };
}
