/**
 * Loaded into the soak's server process (`node --expose-gc --import tsx --import ./bench/soakProbe.ts
 * src/server/main.ts start`): answers a message on the IPC channel with the process's memory after two
 * forced collections, so bench/soak.ts reads the heap that is still referenced — without an inspector
 * port and without a route in the app.
 */
process.on("message", () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("the soak server needs --expose-gc");
  // Two passes: the first can leave objects that only become unreachable once finalizers have run.
  gc();
  gc();
  process.send?.(process.memoryUsage());
});
