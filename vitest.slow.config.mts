import { defineConfig } from "vitest/config";

/**
 * The resilience tier (`npm run test:slow`): faults, a killed engine and hostile files, each
 * against the real engine and the emulator. One file at a time, since each drives several
 * engine processes on two cores; about ten minutes in all.
 */
export default defineConfig({
  test: {
    include: ["test/slow/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    clearMocks: true,
    restoreMocks: true,
  },
});
