/**
 * `npm start`: the main job on the embedded default. Reconciling integrations against the Twilio
 * emulator is not wired in yet; until it is, this makes sure the engine is ready and says so.
 */
import { ensureEngine } from "../src/engine/install";

ensureEngine((line) => console.error(`setup: ${line}`));
console.log("The engine is ready; reconciling integrations is not wired in yet.");
