import { engines } from "./db.ts";
import { fuzzWriteOperations } from "./fuzz.ts";

// The full fuzz on PostgreSQL (errors.slow.test.ts is the SQLite half, so the two run side by side). Without
// PostgreSQL (a fresh machine) it fuzzes SQLite once more from other seeds instead.
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
if (engines.includes("postgres")) fuzzWriteOperations(RUNS, ["postgres"]);
else fuzzWriteOperations(RUNS, ["sqlite"], 100_000);
