import fc from "fast-check";
import { inject } from "vitest";

// Every property test of the run draws from the run's seed (test/globalSetup.ts), unless it fixes its own.
fc.configureGlobal({ seed: inject("fuzzSeed") });
