import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The resilience tier has its own config and script: `npm run test:slow`.
    exclude: ["test/slow/**", "node_modules/**"],
    // The engine tests start the Pulumi CLI and Node language hosts: on two cores they are
    // slow, so give them room instead of flaking.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    clearMocks: true,
    restoreMocks: true,
  },
});
