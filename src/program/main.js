// Entry point named by Pulumi.yaml: registers tsx so the TypeScript program loads as CommonJS.
// CommonJS matters: dynamic-provider serialization breaks under ESM (pulumi/pulumi#18977).
require("tsx/cjs/api").register();
module.exports = require("./index.ts");
