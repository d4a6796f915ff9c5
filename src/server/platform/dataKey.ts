/**
 * The data key: 32 random bytes kept OUTSIDE the database, so that a dump, a backup or someone reading
 * the database files cannot open what it seals (the Beta check's answers waiting to be folded, see
 * modules/insights/betaCheck.ts). Made at first start as a file next to the SQLite file
 * (`./data/periphery.key`, mode 0600) or at `DATA_KEY_FILE`; `DATA_KEY` (base64) gives every PostgreSQL
 * instance the same key. Losing it loses only the answers not yet folded.
 *
 * Sealing is AES-256-GCM with a random 96-bit nonce per message: `base64(nonce ‖ ciphertext ‖ tag)`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export type DataKey = {
  key: Buffer;
  /** A fingerprint of the key (not the key): which key sealed a row. */
  id: string;
  /** Where it came from, for the start-up log: the file, or "DATA_KEY". */
  source: string;
};

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** The key file's path when DATA_KEY_FILE is not set: next to the SQLite file, else ./data/. */
export function defaultKeyFile(databaseUrl: string): string {
  const file = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : "";
  if (!file || file === ":memory:") return resolve("data/periphery.key");
  return resolve(`${file.replace(/\.(db|sqlite3?)$/, "")}.key`);
}

function fromBytes(key: Buffer, source: string): DataKey {
  if (key.length !== KEY_BYTES)
    throw new Error(`${source}: the data key must be ${KEY_BYTES} bytes (base64)`);
  const id = createHash("sha256").update("periphery data key id\0").update(key).digest("hex").slice(0, 16);
  return { key, id, source };
}

/**
 * `DATA_KEY` if given; else the key file, made (0600, written completely before it appears under its
 * name) when it does not exist yet. A key file others can read is refused: it would hand the pending
 * answers to every local account.
 */
export function loadDataKey(options: { dataKey?: string; dataKeyFile: string }): DataKey {
  if (options.dataKey) return fromBytes(Buffer.from(options.dataKey, "base64"), "DATA_KEY");
  const file = options.dataKeyFile;
  try {
    return readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(temporary, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600);
  try {
    // link() fails if the name exists: of two processes starting together, one key wins and both use it.
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readKeyFile(file);
}

function readKeyFile(file: string): DataKey {
  const text = readFileSync(file, "utf8");
  if (process.platform !== "win32" && (statSync(file).mode & 0o077) !== 0)
    throw new Error(`${file}: the data key file must be readable by its owner only (chmod 600)`);
  return fromBytes(Buffer.from(text.trim(), "base64"), file);
}

/** AES-256-GCM with a fresh random nonce. */
export function seal(dataKey: DataKey, plaintext: Buffer): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey.key, nonce);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64");
}

/** The plaintext, or null when the message was sealed with another key or altered. */
export function unseal(dataKey: DataKey, sealed: string): Buffer | null {
  const bytes = Buffer.from(sealed, "base64");
  if (bytes.length < NONCE_BYTES + TAG_BYTES) return null;
  const decipher = createDecipheriv("aes-256-gcm", dataKey.key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}
