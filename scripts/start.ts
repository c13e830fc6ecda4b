/**
 * `npm start`: the main job on the embedded default. Reconciles `integrations/` on the dev
 * stack against the Twilio emulator and the local webhook runtime; see src/dev/start.ts.
 */
import { start } from "../src/dev/start";

start((line) => console.log(line)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
