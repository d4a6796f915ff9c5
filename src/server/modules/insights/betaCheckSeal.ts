/**
 * One Beta check answer as the pool keeps it until the fold: twelve scores and the comment, padded to one
 * fixed size and sealed with the data key. Every sealed answer is exactly as long as every other, so the
 * ciphertext does not even tell whether someone wrote a comment, or how much.
 *
 * Layout before sealing: 12 score bytes (law 1 … 12), comment length (2 bytes, big-endian), the comment
 * in UTF-8, zeros up to PADDED_BYTES.
 */
import { type DataKey, seal, unseal } from "../../platform/dataKey.ts";

/** 2,000 UTF-16 units (the comment's limit) take at most 6,000 bytes of UTF-8; the rest is padding. */
export const PADDED_BYTES = 8192;

export type PooledAnswer = { scores: number[]; comment: string };

export function sealAnswer(dataKey: DataKey, answer: PooledAnswer): string {
  const comment = Buffer.from(answer.comment, "utf8");
  const plain = Buffer.alloc(PADDED_BYTES);
  if (answer.scores.length !== 12 || 14 + comment.length > PADDED_BYTES)
    throw new RangeError("a Beta check answer has 12 scores and a comment of at most 2,000 characters");
  answer.scores.forEach((score, i) => {
    plain[i] = score;
  });
  plain.writeUInt16BE(comment.length, 12);
  comment.copy(plain, 14);
  return seal(dataKey, plain);
}

/** The answer, or null when it was sealed with another key or is not an answer. */
export function unsealAnswer(dataKey: DataKey, sealed: string): PooledAnswer | null {
  const plain = unseal(dataKey, sealed);
  if (!plain || plain.length !== PADDED_BYTES) return null;
  const scores = [...plain.subarray(0, 12)];
  const length = plain.readUInt16BE(12);
  if (scores.some((s) => s < 1 || s > 5) || 14 + length > PADDED_BYTES) return null;
  return { scores, comment: plain.subarray(14, 14 + length).toString("utf8") };
}
