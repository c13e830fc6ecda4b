import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import type { Route } from "../handlers/core/routes";

/**
 * A route whose values may still be unknown (a number bought in the same update) but whose
 * integration name is known, so its table item gets a stable resource name in every preview.
 * A plain {@link Route} is one.
 */
export interface RouteInput {
  integration: string;
  phoneNumber: pulumi.Input<string>;
  agentId: pulumi.Input<string>;
  helpMessage: pulumi.Input<string>;
}

/** The routes table item of a route, in DynamoDB JSON (what `aws.dynamodb.TableItem` takes). */
export function routeItem(route: Route): string {
  return JSON.stringify({
    phoneNumber: { S: route.phoneNumber },
    integration: { S: route.integration },
    agentId: { S: route.agentId },
    helpMessage: { S: route.helpMessage },
  });
}

/**
 * Writes one routes-table item per integration, named after the integration: adding, changing
 * or removing an integration shows in `pulumi preview` as that item's create, update or delete.
 *
 * Known shortcoming: moving a number from one integration to another in a single update writes
 * the new item, then deletes the old one, which holds the same key; the number is left without
 * a route until the next `pulumi up --refresh`. Keying items by number would remove this, but a
 * number bought in the same update has no known value to name the item by.
 */
export function createRouteItem(
  name: string,
  tableName: pulumi.Input<string>,
  route: pulumi.Input<Route> | RouteInput,
  parent: pulumi.Resource,
): aws.dynamodb.TableItem {
  const resolved = pulumi.output(route as pulumi.Input<Route>);
  return new aws.dynamodb.TableItem(name, {
    tableName,
    hashKey: "phoneNumber",
    item: resolved.apply((value) => routeItem(value)),
  }, { parent });
}
