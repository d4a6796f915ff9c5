import { config } from "zod";

/**
 * The CSP forbids eval (`script-src 'self'`). zod 4 probes for it with `new Function("")` as soon as the
 * first object schema is built — the web app builds the shared contract's schemas when a page imports a
 * constant from `src/shared/` — and Chromium reports the caught probe as a CSP violation. `jitless`
 * skips the probe and the compiled fast path, which the browser does not need. main.tsx imports this
 * file first, before any schema exists.
 */
config({ jitless: true });
