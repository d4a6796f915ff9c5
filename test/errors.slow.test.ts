import { fuzzWriteOperations } from "./fuzz.ts";

// The full fuzz on SQLite: thirty malformed requests per write operation signed in, ten anonymous (FUZZ_RUNS
// raises it). PostgreSQL's half is its own file (errors.postgres.slow.test.ts) so the two run side by side.
fuzzWriteOperations(Number(process.env.FUZZ_RUNS ?? 30), ["sqlite"]);
