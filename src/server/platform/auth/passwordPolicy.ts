import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../errors.ts";

/**
 * What a new password must not be (OWASP ASVS 2.1): shorter than 10 characters (the schema), one of the
 * ~49,000 most common passwords of the zxcvbn-ts list (also with digits or signs around it, as in
 * "Passwort2024!"), or the person's own e-mail address or name.
 */
const COMMON = new Set(dictionary["passwords-common"].map((word) => word.toLowerCase()));

const folded = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

export type PasswordWeakness = "passwordCommon" | "passwordPersonal";

export function passwordWeakness(
  password: string,
  person: { name?: string; email?: string },
): PasswordWeakness | null {
  const candidate = folded(password);
  const core = candidate.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (COMMON.has(candidate) || (core.length >= 4 && COMMON.has(core))) return "passwordCommon";
  const email = folded(person.email ?? "");
  const local = email.split("@")[0] ?? "";
  const name = folded(person.name ?? "");
  const personal = [email, local, name].filter((part) => part.length >= 4);
  if (personal.some((part) => candidate.includes(part))) return "passwordPersonal";
  return null;
}

/** Refuses a weak new password with a field message in the person's language (400 VALIDATION). */
export function checkNewPassword(password: string, person: { name?: string; email?: string }): void {
  const weakness = passwordWeakness(password, person);
  if (weakness) throw new AppError("VALIDATION", { password: weakness });
}
