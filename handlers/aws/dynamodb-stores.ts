import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

import { optOutKey } from "../core/opt-outs";
import type { OptOutStore } from "../core/opt-outs";
import { routeProblem } from "../core/routes";
import type { Route, RouteStore } from "../core/routes";

/**
 * Routes in the routes table, one item per toll-free number (hash key `phoneNumber`), written
 * by the AWS component from the integration files. Read on every lookup, so a routing change
 * applies to the next message without redeploying the functions.
 */
export class DynamoDbRouteStore implements RouteStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(phoneNumber: string): Promise<Route | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName,
      Key: { phoneNumber } }));
    if (!Item) return undefined;

    const problem = routeProblem(Item);
    if (problem) throw new Error(`routes table ${this.tableName}, item ${phoneNumber}: ${problem}`);
    const { integration, agentId, helpMessage } = Item as Route;
    return { phoneNumber, integration, agentId, helpMessage };
  }
}

/** Opt-outs in the opt-outs table, one item per (toll-free number, sender) (hash key `id`). */
export class DynamoDbOptOutStore implements OptOutStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isOptedOut(phoneNumber: string, sender: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName,
      Key: { id: optOutKey(phoneNumber, sender) }, ConsistentRead: true }));
    return Item !== undefined;
  }

  async optOut(phoneNumber: string, sender: string): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: {
      id: optOutKey(phoneNumber, sender), phoneNumber, sender,
      optedOutAt: new Date().toISOString() } }));
  }

  async optIn(phoneNumber: string, sender: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName,
      Key: { id: optOutKey(phoneNumber, sender) } }));
  }
}
