import { z } from "zod";
import { PageQuerySchema, pageOf } from "../../../shared/common.ts";
import {
  CellInputSchema,
  CellMembershipSchema,
  CellPageSchema,
  CellPatchSchema,
  CellSchema,
  WorkingAgreementInputSchema,
  WorkingAgreementPatchSchema,
  WorkingAgreementSchema,
} from "../../../shared/org.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import {
  addAgreement,
  createCell,
  deleteCell,
  removeAgreement,
  updateAgreement,
  updateCell,
} from "./cells.ts";
import { addMember, listMembership, removeMember } from "./membership.ts";
import { getAgreementRow, getCell, listAgreements, listCells, toAgreement } from "./queries.ts";

const CellParams = z.object({ cellId: z.string().uuid() });
const MemberParams = CellParams.extend({ personId: z.string().uuid() });
const AgreementParams = CellParams.extend({ agreementId: z.string().uuid() });
const EmptyBodySchema = z.object({}).strict().optional();

export async function cellRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["cells"];

  app.get(
    "/cells",
    { schema: { tags, querystring: PageQuerySchema, response: responses({ 200: CellPageSchema }) } },
    async (request) => listCells(db, authOf(request).orgId, request.query),
  );

  app.post(
    "/cells",
    { schema: { tags, body: CellInputSchema, response: responses({ 201: CellSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createCell(trx, auth, request.body, now()));
      return reply.status(201).send(await getCell(db, auth.orgId, id));
    },
  );

  app.get(
    "/cells/:cellId",
    { schema: { tags, params: CellParams, response: responses({ 200: CellSchema }) } },
    async (request) => getCell(db, authOf(request).orgId, request.params.cellId),
  );

  app.patch(
    "/cells/:cellId",
    { schema: { tags, params: CellParams, body: CellPatchSchema, response: responses({ 200: CellSchema }) } },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => updateCell(trx, auth, request.params.cellId, request.body));
      return getCell(db, auth.orgId, request.params.cellId);
    },
  );

  app.delete(
    "/cells/:cellId",
    { schema: { tags, params: CellParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteCell(trx, auth, request.params.cellId, now()));
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/cells/:cellId/members/:personId",
    {
      schema: { tags, params: MemberParams, body: EmptyBodySchema, response: responses({ 200: CellSchema }) },
    },
    async (request) => {
      const auth = authOf(request);
      const { cellId, personId } = request.params;
      await db.transaction().execute((trx) => addMember(trx, auth, cellId, personId, now()));
      return getCell(db, auth.orgId, cellId);
    },
  );

  app.delete(
    "/cells/:cellId/members/:personId",
    { schema: { tags, params: MemberParams, response: responses({ 200: CellSchema }) } },
    async (request) => {
      const auth = authOf(request);
      const { cellId, personId } = request.params;
      await db.transaction().execute((trx) => removeMember(trx, auth, cellId, personId, now()));
      return getCell(db, auth.orgId, cellId);
    },
  );

  app.get(
    "/cells/:cellId/membership",
    { schema: { tags, params: CellParams, response: responses({ 200: CellMembershipSchema }) } },
    async (request) => listMembership(db, authOf(request), request.params.cellId),
  );

  app.get(
    "/cells/:cellId/agreements",
    {
      schema: {
        tags,
        params: CellParams,
        querystring: PageQuerySchema,
        response: responses({ 200: pageOf(WorkingAgreementSchema) }),
      },
    },
    async (request) => listAgreements(db, authOf(request).orgId, request.params.cellId, request.query),
  );

  app.post(
    "/cells/:cellId/agreements",
    {
      schema: {
        tags,
        params: CellParams,
        body: WorkingAgreementInputSchema,
        response: responses({ 201: WorkingAgreementSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { cellId } = request.params;
      const id = await db
        .transaction()
        .execute((trx) => addAgreement(trx, auth, cellId, request.body, now()));
      return reply.status(201).send(toAgreement(await getAgreementRow(db, auth.orgId, cellId, id)));
    },
  );

  app.patch(
    "/cells/:cellId/agreements/:agreementId",
    {
      schema: {
        tags,
        params: AgreementParams,
        body: WorkingAgreementPatchSchema,
        response: responses({ 200: WorkingAgreementSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { cellId, agreementId } = request.params;
      await db
        .transaction()
        .execute((trx) => updateAgreement(trx, auth, cellId, agreementId, request.body, now()));
      return toAgreement(await getAgreementRow(db, auth.orgId, cellId, agreementId));
    },
  );

  app.delete(
    "/cells/:cellId/agreements/:agreementId",
    { schema: { tags, params: AgreementParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const { cellId, agreementId } = request.params;
      await db.transaction().execute((trx) => removeAgreement(trx, auth, cellId, agreementId, now()));
      return reply.status(204).send(null);
    },
  );
}
