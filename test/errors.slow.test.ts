import { fuzzWriteOperations } from "./fuzz.ts";

// The full fuzz: thirty malformed requests per write operation, signed in, and ten anonymous (FUZZ_RUNS raises it).
fuzzWriteOperations(Number(process.env.FUZZ_RUNS ?? 30));
