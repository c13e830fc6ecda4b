import * as path from "node:path";

import type * as pulumi from "@pulumi/pulumi";

import type { Route } from "../../handlers/core/routes";
import { removeRouteFile, writeRouteFile } from "../../handlers/local/route-directory";
import { REPO_ROOT } from "../engine/paths";
import { containsUnknown } from "./unknown";

/** Inputs of a local route: where the dev stack's local webhook runtime reads its routes. */
export interface LocalRouteInputs {
  /** The route directory, relative to the repository. */
  directory: string;
  route: Route;
}

type Inputs = LocalRouteInputs;

/**
 * The route of one integration for the dev stack's local webhook runtime: a JSON file per
 * toll-free number, which the running runtime picks up without a restart. Being a resource, a
 * route shows in the preview when an integration is added, changed or removed.
 */
export const provider: pulumi.dynamic.ResourceProvider<Inputs, Inputs> = {
  async diff(_id, olds, news) {
    if (containsUnknown(news)) return { changes: true };
    return { changes: JSON.stringify(olds) !== JSON.stringify(news) };
  },

  async create(inputs) {
    await writeRouteFile(resolve(inputs.directory), inputs.route);
    return { id: inputs.route.integration, outs: inputs };
  },

  async read(id, props) {
    if (!props) throw new Error("a local route cannot be imported; `pulumi up` writes it");
    const file = path.join(resolve(props.directory), `${props.route.phoneNumber}.json`);
    const fs = await import("node:fs/promises");
    const exists = await fs.stat(file).then(() => true, () => false);
    return exists ? { id, props, inputs: props } : {};
  },

  async update(_id, olds, news) {
    if (olds.route.phoneNumber !== news.route.phoneNumber || olds.directory !== news.directory) {
      await removeRouteFile(resolve(olds.directory), olds.route.phoneNumber);
    }
    await writeRouteFile(resolve(news.directory), news.route);
    return { outs: news };
  },

  async delete(_id, props) {
    await removeRouteFile(resolve(props.directory), props.route.phoneNumber);
  },
};

function resolve(directory: string): string {
  return path.resolve(REPO_ROOT, directory);
}
