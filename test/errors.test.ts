import { fuzzWriteOperations } from "./fuzz.ts";

// The quick layer's fuzz: a few malformed requests per write operation, on the run's seed.
fuzzWriteOperations(6);
