import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultKeyFile, loadDataKey, seal, unseal } from "./dataKey.ts";

const dir = mkdtempSync(join(tmpdir(), "periphery-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the data key", () => {
  it("is made at first start as a file only its owner reads, and the same key is read afterwards", () => {
    const file = join(dir, "nested", "periphery.key");
    const first = loadDataKey({ dataKeyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
    const again = loadDataKey({ dataKeyFile: file });
    expect(again.key.equals(first.key)).toBe(true);
    expect(again.id).toBe(first.id);
  });

  it("refuses a key file others can read, and a key of the wrong length", () => {
    const file = join(dir, "open.key");
    loadDataKey({ dataKeyFile: file });
    chmodSync(file, 0o644);
    expect(() => loadDataKey({ dataKeyFile: file })).toThrow(/chmod 600/);
    expect(() => loadDataKey({ dataKey: randomBytes(16).toString("base64"), dataKeyFile: file })).toThrow(
      /32 bytes/,
    );
  });

  it("takes DATA_KEY over the file, so several instances share one key", () => {
    const shared = randomBytes(32).toString("base64");
    const a = loadDataKey({ dataKey: shared, dataKeyFile: join(dir, "never-made.key") });
    const b = loadDataKey({ dataKey: shared, dataKeyFile: join(dir, "other.key") });
    expect(a.id).toBe(b.id);
    expect(() => statSync(join(dir, "never-made.key"))).toThrow();
  });

  it("lives next to the SQLite file unless DATA_KEY_FILE says otherwise", () => {
    expect(defaultKeyFile("sqlite:./data/periphery.db")).toMatch(/\/data\/periphery\.key$/);
    expect(defaultKeyFile("postgres://db/periphery")).toMatch(/\/data\/periphery\.key$/);
  });

  it("seals with a fresh nonce each time; only the same key opens it, and an altered message opens to nothing", () => {
    const key = loadDataKey({ dataKey: randomBytes(32).toString("base64"), dataKeyFile: "" });
    const other = loadDataKey({ dataKey: randomBytes(32).toString("base64"), dataKeyFile: "" });
    const message = Buffer.from("scores 3 4 5");
    const a = seal(key, message);
    const b = seal(key, message);
    expect(a).not.toBe(b);
    expect(unseal(key, a)?.toString()).toBe("scores 3 4 5");
    expect(unseal(other, a)).toBeNull();
    const bytes = Buffer.from(a, "base64");
    bytes[20] ^= 1;
    expect(unseal(key, bytes.toString("base64"))).toBeNull();
  });
});
