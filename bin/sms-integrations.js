#!/usr/bin/env node
// The CLI is written in TypeScript; tsx compiles it on load so the bin needs no build step.
require("tsx/cjs/api").register();
require("../src/cli/main.ts");
