import { z } from "zod";
import {
  CustomersDocumentSchema,
  CustomersImportedSchema,
  ExportQuerySchema,
} from "../../../shared/customers/document.ts";
import {
  ExportEntitySchema,
  IMPORT_MAX_BYTES,
  ImportDryRunSchema,
  ImportInputSchema,
  ImportJobSchema,
  ImportPreviewInputSchema,
  ImportPreviewSchema,
  ImportStartedSchema,
  ImportValuesInputSchema,
  ImportValuesSchema,
} from "../../../shared/customers/import.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { requestLanguage } from "../../platform/i18n.ts";
import { importCustomersDocument } from "./documentImport.ts";
import { exportCustomersDocument, exportEntity } from "./export.ts";
import { assertNoRowErrors, planImport, previewImport, toDryRun } from "./import.ts";
import { createImportJob, getImportJob, runImportJob } from "./importJob.ts";
import { listImportValues } from "./importValues.ts";

const JobParams = z.object({ jobId: z.string().uuid() });
const ExportParams = z.object({ entity: ExportEntitySchema });
/** JSON-escaped CSV and the customers document may be larger than the text itself. */
const bodyLimit = IMPORT_MAX_BYTES + 1024 * 1024;

export async function importRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["import and export"];
  // Jobs run after the 202; closing the app waits for them so no write hits a closed database.
  const running = new Set<Promise<void>>();
  app.addHook("onClose", async () => {
    await Promise.allSettled([...running]);
  });

  app.post(
    "/import/preview",
    {
      bodyLimit,
      schema: { tags, body: ImportPreviewInputSchema, response: responses({ 200: ImportPreviewSchema }) },
    },
    async (request) => {
      authOf(request);
      return previewImport(request.body.entity, request.body.csv);
    },
  );

  app.post(
    "/import/values",
    {
      bodyLimit,
      schema: {
        tags,
        description:
          "The value-mapping step: every distinct value of the columns mapped to stage and status, with the stage it maps to by itself (remembered from this source, same name, or the vendor's default won/lost).",
        body: ImportValuesInputSchema,
        response: responses({ 200: ImportValuesSchema }),
      },
    },
    async (request) => listImportValues(db, authOf(request).orgId, request.body),
  );

  app.post(
    "/import/dry-run",
    {
      bodyLimit,
      schema: { tags, body: ImportInputSchema, response: responses({ 200: ImportDryRunSchema }) },
    },
    async (request) => {
      const auth = authOf(request);
      const plan = await planImport(db, auth.orgId, request.body, requestLanguage(request), now());
      return toDryRun(plan);
    },
  );

  app.post(
    "/import",
    {
      bodyLimit,
      schema: { tags, body: ImportInputSchema, response: responses({ 202: ImportStartedSchema }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const plan = await planImport(db, auth.orgId, request.body, requestLanguage(request), now());
      assertNoRowErrors(plan);
      const jobId = await createImportJob(db, auth, request.body, plan, now());
      const job = runImportJob(db, auth, jobId, request.body.entity, plan, now).finally(() =>
        running.delete(job),
      );
      running.add(job);
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    "/import/jobs/:jobId",
    { schema: { tags, params: JobParams, response: responses({ 200: ImportJobSchema }) } },
    async (request) => getImportJob(db, authOf(request).orgId, request.params.jobId),
  );

  app.post(
    "/import/customers.json",
    {
      bodyLimit,
      schema: { tags, body: CustomersDocumentSchema, response: responses({ 201: CustomersImportedSchema }) },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const counts = await db
        .transaction()
        .execute((trx) => importCustomersDocument(trx, auth, request.body, now()));
      return reply.status(201).send(counts);
    },
  );

  app.get(
    "/export/customers.json",
    { schema: { tags, response: responses({ 200: CustomersDocumentSchema }) } },
    async (request) => {
      const auth = authOf(request);
      return exportCustomersDocument(db, auth, now());
    },
  );

  app.get(
    "/export/:entity",
    {
      schema: {
        tags,
        params: ExportParams,
        querystring: ExportQuerySchema,
        description: "Streams every row as CSV (UTF-8 with BOM, RFC 4180) or a JSON array.",
        response: responses({ 200: z.string().describe("CSV text or a JSON array") }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { entity } = request.params;
      const { format } = request.query;
      const stream = await exportEntity(db, auth, entity, format, requestLanguage(request), now());
      return (
        reply
          .header(
            "content-type",
            format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
          )
          .header("content-disposition", `attachment; filename="${entity}.${format}"`)
          // A stream is sent as it is; the response schema documents it as text.
          .send(stream as unknown as string)
      );
    },
  );
}
