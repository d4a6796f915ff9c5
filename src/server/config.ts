import { resolve } from "node:path";
import { z } from "zod";
import { defaultKeyFile } from "./platform/dataKey.ts";

/** Environment → typed, validated config. Tests build a Config directly. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().default("sqlite:./data/periphery.db"),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Periphery <periphery@localhost>"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 12),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  ALLOW_NEW_ORGANISATIONS: z.enum(["true", "false"]).default("false"),
  TRUST_PROXY: z.string().default(""),
  DB_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WEB_DIST: z.string().default("dist/web"),
  DATA_KEY: z.string().optional(),
  DATA_KEY_FILE: z.string().optional(),
  READ_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Wrong passwords for one e-mail within 15 minutes before sign-in is locked. */
  signInAttempts: number;
  rateLimitPerMinute: number;
  /** When false, a new organisation can only be created on first start (an empty instance). */
  allowNewOrganisations: boolean;
  logLevel: string;
  webDist: string;
  /** The data key as base64 (`DATA_KEY`: the same on every PostgreSQL instance), else read from the file. */
  dataKey: string | undefined;
  /** Where the data key is kept (made at first start); see platform/dataKey.ts. */
  dataKeyFile: string;
  /**
   * Addresses or CIDRs of the proxies in front (load balancer): only from them is `X-Forwarded-For`
   * believed, so rate limits count the real client. Empty: the socket's address counts.
   */
  trustProxy: string[];
  /**
   * PostgreSQL, serving only: statements are cancelled after this long, transactions left idle are ended,
   * and the client gives up 500 ms later whatever the network does — the request then answers 503.
   */
  dbTimeoutMs: number;
  /** Bytes the read cache may hold (JSON and gzip forms); 0 turns it off (the bench's uncached runs). */
  readCacheBytes: number;
  /** log2 of scrypt's N for new password hashes; tests lower it to stay fast. */
  passwordCost: number;
  /** The clock, injectable so tests can move time (session expiry). */
  now: () => Date;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    signInAttempts: e.SIGN_IN_ATTEMPTS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    allowNewOrganisations: e.ALLOW_NEW_ORGANISATIONS === "true",
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST),
    dataKey: e.DATA_KEY || undefined,
    dataKeyFile: e.DATA_KEY_FILE ? resolve(e.DATA_KEY_FILE) : defaultKeyFile(e.DATABASE_URL),
    dbTimeoutMs: e.DB_TIMEOUT_MS,
    readCacheBytes: e.READ_CACHE_BYTES,
    trustProxy: e.TRUST_PROXY.split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    passwordCost: 16,
    now: () => new Date(),
  };
}
