import { z } from "zod";

export const LANGUAGES = ["de", "en"] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const IdSchema = z.string().uuid();
/** Optimistic concurrency: every update names the version it was based on; a mismatch is a 409. */
export const VersionSchema = z.number().int().min(1);
export const IsoDateTimeSchema = z.string();

// PostgreSQL cannot store NUL in text, and no person types one: refuse it on both engines alike.
const withoutNul = (schema: z.ZodString) => schema.refine((value) => !value.includes("\u0000"), "NUL");

/** A trimmed, non-empty text with an upper bound. */
export const text = (max: number) => withoutNul(z.string().trim().min(1).max(max));
export const optionalText = (max: number) => withoutNul(z.string().trim().max(max));
/** A search term or filter from a query string. */
export const searchText = (max: number) => withoutNul(z.string().trim().max(max));

/** Keyset pagination: `cursor` is opaque to clients. */
export const PageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

type WithoutDefault<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;
type PatchShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> };

/**
 * A PATCH body from a create schema: every field optional and without its default — zod 4's
 * `partial()` keeps defaults, which would silently reset fields the client did not send — plus the
 * `version` the edit was based on.
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodTypeAny) : (field as z.ZodTypeAny)).optional(),
    ]),
  ) as unknown as PatchShape<T>;
  return z.object(shape).extend({ version: VersionSchema });
}

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "date",
  );
