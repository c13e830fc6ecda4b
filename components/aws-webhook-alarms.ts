import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

import type { LambdaName } from "./aws-lambda-bundle";
import type { WebhookFunction } from "./aws-webhook-function";

/** What the alarms watch. */
export interface AlarmTargets {
  api: aws.apigatewayv2.Api;
  deadLetters: aws.sqs.Queue;
  functions: Record<LambdaName, WebhookFunction>;
  actions?: pulumi.Input<string>[];
}

/**
 * Alarms that fire on the first occurrence: a message in the dead-letter queue (an agent or
 * Twilio outage outlasted every delivery), any function error, and any 5xx from the API, which
 * is how a missing auth token shows (the inbound function answers 500, field case F14).
 */
export function createWebhookAlarms(
  name: string,
  targets: AlarmTargets,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  const common = { comparisonOperator: "GreaterThanThreshold", threshold: 0,
    evaluationPeriods: 1, treatMissingData: "notBreaching", alarmActions: targets.actions ?? [],
    okActions: targets.actions ?? [] };
  const alarm = (suffix: string, args: Partial<aws.cloudwatch.MetricAlarmArgs>) =>
    new aws.cloudwatch.MetricAlarm(`${name}-${suffix}`, { ...common, ...args }, { parent });

  const alarms = [
    alarm("dead-letters", { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: targets.deadLetters.name }, statistic: "Maximum", period: 60,
      alarmDescription: "Inbound SMS dead-lettered: inspect and redrive the queue" }),
    alarm("api-5xx", { namespace: "AWS/ApiGateway", metricName: "5xx",
      dimensions: { ApiId: targets.api.id, Stage: "$default" }, statistic: "Sum", period: 300,
      alarmDescription: "Webhook answered 5xx to Twilio: check config_error in the inbound log" }),
  ];
  for (const [fn, resources] of Object.entries(targets.functions)) {
    alarms.push(alarm(`${fn}-errors`, { namespace: "AWS/Lambda", metricName: "Errors",
      dimensions: { FunctionName: resources.function.name }, statistic: "Sum", period: 300,
      alarmDescription: `The ${fn} function failed` }));
  }
  return alarms;
}
