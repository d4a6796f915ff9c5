import { randomUUID } from "node:crypto";
import fc from "fast-check";

/**
 * Requests generated from the served OpenAPI document (ARCHITECTURE.md, Fuzzing): the operations
 * it lists, a valid-looking request for each, and fast-check arbitraries for malformed ones.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

export type Parameter = { name: string; in: string; required?: boolean; schema: JsonSchema };

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation = {
  /** "PATCH /api/cells/{cellId}" */
  id: string;
  method: HttpMethod;
  path: string;
  /** `security: []` in the document: callable without a session. */
  isPublic: boolean;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  body?: JsonSchema;
};

type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
};

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** Every operation of the document, in document order. */
export function operationsOf(doc: unknown): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((doc as OpenApiDocument).paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as HttpMethod,
        path,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        pathParams: parameters.filter((p) => p.in === "path"),
        queryParams: parameters.filter((p) => p.in === "query"),
        body: op.requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  return operations;
}

export const isWrite = (op: Operation) => op.method !== "GET";

/** The path with each `{name}` replaced by the (URL-encoded) value given for it. */
export function fillPath(
  path: string,
  values: Record<string, string>,
  encode: (value: string) => string = encodeURIComponent,
): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encode(value);
  });
}

const typeOf = (schema: JsonSchema): string | undefined => {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null");
  if (schema.type) return schema.type;
  if (schema.enum) return typeof schema.enum[0];
  if (schema.properties) return "object";
  return undefined;
};

let sampleCounter = 0;

/**
 * A valid-looking value for the schema: required keys only, the first enum value, the smallest
 * allowed number, strings padded into their length bounds, unique e-mail addresses and UUIDs. A
 * property named like a key of `ids` (`cellId`, or `cellIds` for a list) gets those ids instead.
 */
export function validSample(
  schema: JsonSchema,
  label = "sample",
  ids: Record<string, string[]> = {},
  name = "",
): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return validSample(variant, label, ids, name);
  switch (typeOf(schema)) {
    case "object": {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const property = schema.properties?.[key];
        if (property) value[key] = validSample(property, label, ids, key);
      }
      return value;
    }
    case "array": {
      // `cellIds: [...]` takes the ids known as `cellId`; at least one, so they are really sent.
      const known = ids[name.replace(/s$/, "")];
      if (known?.length && typeOf(schema.items ?? {}) === "string") {
        return known.slice(0, Math.max(1, Math.min(known.length, schema.maxItems ?? known.length)));
      }
      return Array.from({ length: schema.minItems ?? 0 }, () => validSample(schema.items ?? {}, label, ids));
    }
    case "integer":
    case "number":
      return Math.max(schema.minimum ?? 1, 1);
    case "boolean":
      return true;
    case "string": {
      const known = ids[name];
      if (known?.length) return known[0];
      if (schema.format === "email")
        return `${label}.${Date.now().toString(36)}${sampleCounter++}@example.test`;
      if (schema.format === "uuid") return randomUUID();
      // Calendar dates, however the schema spells them.
      if (schema.format === "date" || schema.pattern === "^\\d{4}-\\d{2}-\\d{2}$") return "2027-06-30";
      if (schema.format === "date-time") return "2027-06-30T09:00:00.000Z";
      const min = schema.minLength ?? 0;
      const text = `${label} text`.padEnd(min, "x");
      return schema.maxLength !== undefined ? text.slice(0, Math.max(schema.maxLength, min)) : text;
    }
    default:
      return null;
  }
}

/* ------------------------------------------------------------------------------------------------
 * Malformed requests
 * --------------------------------------------------------------------------------------------- */

/** One generated request. `mayBeValid` is false when at least one part is certainly invalid. */
export type FuzzCase = {
  label: string;
  url: string;
  payload?: string;
  contentType?: string;
  dropCsrf: boolean;
  mayBeValid: boolean;
};

type Body = { raw: string; contentType: string } | { value: unknown };
type BodyMutation = { label: string; invalid: boolean; apply(body: Record<string, unknown>): Body };

const KB10 = "x".repeat(10 * 1024);
const MB1 = "x".repeat(1024 * 1024 + 16);
const UNICODE = [
  "\u0000",
  "a\u0000b",
  "שלום \u202Eevil\u202C",
  "😀".repeat(20),
  "Ω≈ç√∫ Zürich Ærø",
  "\uD800 lone surrogate",
  "' OR 1=1; --",
  "<script>alert(1)</script>",
  "%00../../etc/passwd",
];

/** Values of a type the schema does not accept. */
function wrongTypes(schema: JsonSchema): unknown[] {
  if (schema.enum) return [42, true, null, [], `${String(schema.enum[0])}-not-a-choice`];
  switch (typeOf(schema)) {
    case "string":
      return [42, true, null, [], {}];
    case "integer":
      return ["1", 1.5, true, null, [], {}];
    case "number":
      return ["1", true, null, []];
    case "boolean":
      return ["true", 1, null];
    case "array":
      return ["x", 1, {}, null];
    case "object":
      return ["x", 1, [], null];
    default:
      return [];
  }
}

/** Values just outside the schema's bounds. */
function outOfBounds(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  const type = typeOf(schema);
  if (type === "string" && !schema.enum) {
    if (schema.maxLength !== undefined) values.push("x".repeat(schema.maxLength + 1));
    if (schema.minLength) values.push("x".repeat(schema.minLength - 1));
    if (schema.maxLength !== undefined && schema.maxLength < KB10.length) values.push(KB10);
  }
  if (type === "integer" || type === "number") {
    if (schema.minimum !== undefined) values.push(schema.minimum - 1);
    if (schema.maximum !== undefined) values.push(schema.maximum + 1);
  }
  if (type === "array") {
    const item = validSample(schema.items ?? {});
    if (schema.maxItems !== undefined) values.push(Array.from({ length: schema.maxItems + 1 }, () => item));
    if (schema.minItems) values.push([]);
    if ((schema.maxItems ?? Number.POSITIVE_INFINITY) < 10_000)
      values.push(Array.from({ length: 10_000 }, () => item));
  }
  return values;
}

const json = (value: unknown): Body => ({ value });

/** The mutations that make a body certainly invalid, given its schema. */
function invalidBodyMutations(schema: JsonSchema | undefined): BodyMutation[] {
  const mutations: BodyMutation[] = [
    // Transport-level: wrong for every route, body schema or not.
    {
      label: "non-JSON body",
      invalid: true,
      apply: () => ({ raw: '{"unclosed": ', contentType: "application/json" }),
    },
    {
      label: "NUL as body",
      invalid: true,
      apply: () => ({ raw: "\u0000", contentType: "application/json" }),
    },
    {
      label: "XML content type",
      invalid: true,
      apply: () => ({ raw: "<a>1</a>", contentType: "application/xml" }),
    },
    {
      label: "form content type",
      invalid: true,
      apply: () => ({ raw: "a=1&b=2", contentType: "application/x-www-form-urlencoded" }),
    },
    { label: "1 MB body", invalid: true, apply: () => json({ padding: MB1 }) },
  ];
  if (!schema) return mutations;
  for (const root of [[], "text", 42, null, Array.from({ length: 10_000 }, () => 1)]) {
    mutations.push({
      label: `root ${JSON.stringify(root).slice(0, 20)}`,
      invalid: true,
      apply: () => json(root),
    });
  }
  if (schema.additionalProperties === false) {
    mutations.push({
      label: "unknown key on a strict object",
      invalid: true,
      apply: (b) => json({ ...b, unexpected: 1 }),
    });
  }
  for (const key of schema.required ?? []) {
    mutations.push({
      label: `drop required ${key}`,
      invalid: true,
      apply: (b) => {
        const { [key]: _dropped, ...rest } = b;
        return json(rest);
      },
    });
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    for (const value of [...wrongTypes(property), ...outOfBounds(property)]) {
      const shown =
        typeof value === "string" && value.length > 20 ? `${value.length} chars` : JSON.stringify(value);
      mutations.push({
        label: `${key} = ${Array.isArray(value) && value.length > 3 ? `${value.length} items` : shown}`,
        invalid: true,
        apply: (b) => json({ ...b, [key]: value }),
      });
    }
  }
  return mutations;
}

/** Changes that keep a body valid-looking (may be accepted) but stress parsing and storage. */
function noiseMutations(schema: JsonSchema | undefined): BodyMutation[] {
  const noise: BodyMutation[] = [
    { label: "no change", invalid: false, apply: (b) => json(b) },
    { label: "extra key", invalid: false, apply: (b) => json({ ...b, extra: "value", isAdmin: true }) },
    {
      label: "__proto__ key",
      invalid: false,
      apply: (b) => ({
        raw: `{"__proto__":{"isAdmin":true},${JSON.stringify(b).slice(1)}`.replace(",}", "}"),
        contentType: "application/json",
      }),
    },
    {
      label: "constructor.prototype key",
      invalid: false,
      apply: (b) => json({ ...b, constructor: { prototype: { isAdmin: true } } }),
    },
  ];
  for (const [key, property] of Object.entries(schema?.properties ?? {})) {
    if (typeOf(property) !== "string" || property.enum || property.format) continue;
    for (const text of UNICODE) {
      noise.push({
        label: `${key} = ${JSON.stringify(text)}`,
        invalid: false,
        apply: (b) => json({ ...b, [key]: text.slice(0, property.maxLength ?? text.length) }),
      });
    }
  }
  return noise;
}

/** `raw` values go into the URL as they are (a broken percent-encoding), the rest URL-encoded. */
type PathValue = { value: string; invalid: boolean; raw?: boolean };

/** Unknown ids (random UUIDs), malformed values, and — when given — real ids of the caller's org. */
function pathValue(own: string[]): fc.Arbitrary<PathValue> {
  const unknown = fc.uuid({ version: 4 }).map((value) => ({ value, invalid: true }));
  const malformed = fc
    .constantFrom("not-a-uuid", "1 OR 1=1", "../../etc/passwd", "%00", "x".repeat(300), "0", "\u0000", "null")
    .map((value) => ({ value, invalid: true }));
  const brokenEncoding = fc
    .constantFrom("%E0%A4%A", "%", "%zz", "%C0%AF")
    .map((value) => ({ value, invalid: true, raw: true }));
  const real = own.length
    ? [{ weight: 2, arbitrary: fc.constantFrom(...own).map((value) => ({ value, invalid: false })) }]
    : [];
  return fc.oneof(
    { weight: 3, arbitrary: unknown },
    { weight: 2, arbitrary: malformed },
    { weight: 1, arbitrary: brokenEncoding },
    ...real,
  );
}

function badQueryValues(param: Parameter): string[] {
  const schema = param.schema;
  const bad: string[] = [];
  if (typeOf(schema) === "integer" || typeOf(schema) === "number") {
    bad.push("abc", "1.5e999x", "");
    if (schema.minimum !== undefined) bad.push(String(schema.minimum - 1));
    if (schema.maximum !== undefined) bad.push(String(schema.maximum + 1));
  } else if (schema.maxLength !== undefined) {
    bad.push("x".repeat(schema.maxLength + 1));
  }
  return bad;
}

/**
 * Malformed requests for one operation. Most are certainly invalid (a broken body, an unknown or
 * malformed id, a missing CSRF token, a bad query value); about one in six only adds noise (extra
 * keys, `__proto__`, unicode and NUL in strings) to a valid request and may legitimately succeed.
 */
export function malformedRequests(
  op: Operation,
  ownIds: Record<string, string[]> = {},
  options: { signedIn: boolean } = { signedIn: true },
): fc.Arbitrary<FuzzCase> {
  const invalid = invalidBodyMutations(op.body);
  const noise = noiseMutations(op.body);
  const path = fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, pathValue(ownIds[p.name] ?? [])])) as Record<
      string,
      fc.Arbitrary<PathValue>
    >,
  );
  const badQueries = op.queryParams.flatMap((p) => badQueryValues(p).map((v) => [p.name, v] as const));
  const badQuery = badQueries.length
    ? fc.option(fc.constantFrom(...badQueries), { freq: 2 })
    : fc.constant(null);
  return fc
    .record({
      primary: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...invalid) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      noise: fc.constantFrom(...noise),
      path,
      query: badQuery,
      csrfRoll: fc.nat({ max: 9 }),
    })
    .map(({ primary, noise: extra, path: values, query, csrfRoll }): FuzzCase => {
      const sample = (op.body ? validSample(op.body, "fuzz") : {}) as Record<string, unknown>;
      const noisy = extra.apply(sample);
      const base =
        "value" in noisy && noisy.value && typeof noisy.value === "object"
          ? (noisy.value as Record<string, unknown>)
          : sample;
      const body = primary ? primary.apply(base) : noisy;
      const sendBody = op.body !== undefined || primary !== null;
      const payload = !sendBody
        ? undefined
        : "raw" in body
          ? body
          : { raw: JSON.stringify(body.value), contentType: "application/json" };
      const pathValues = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, v.raw ? v.value : encodeURIComponent(v.value)]),
      );
      const search = query ? `?${new URLSearchParams([[query[0], query[1]]]).toString()}` : "";
      // A missing CSRF token is one case in ten: it is rejected before anything else is looked at.
      const noCsrf = options.signedIn && !op.isPublic && csrfRoll === 0 && op.method !== "GET";
      const certainlyInvalid =
        (primary?.invalid ?? false) ||
        Object.values(values).some((v) => v.invalid) ||
        query !== null ||
        noCsrf;
      const parts = [
        primary?.label ?? extra.label,
        ...Object.entries(values).map(
          ([k, v]) => `${k}=${v.value.length > 40 ? `${v.value.length} chars` : JSON.stringify(v.value)}`,
        ),
        ...(query ? [`?${query[0]}=${query[1].slice(0, 20)}`] : []),
        ...(noCsrf ? ["no CSRF token"] : []),
      ];
      return {
        label: parts.join(", "),
        url: fillPath(op.path, pathValues, (v) => v) + search,
        payload: payload?.raw,
        contentType: payload?.contentType,
        dropCsrf: noCsrf,
        mayBeValid: !certainlyInvalid,
      };
    });
}
