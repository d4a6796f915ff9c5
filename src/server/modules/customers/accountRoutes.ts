import { z } from "zod";
import { PageQuerySchema, pageOf } from "../../../shared/common.ts";
import {
  AccountInputSchema,
  AccountListQuerySchema,
  AccountPageSchema,
  AccountPatchSchema,
  AccountSchema,
  ContactInputSchema,
  ContactPatchSchema,
  ContactSchema,
  HandoverInputSchema,
  TimelineEntrySchema,
  TimelineInputSchema,
} from "../../../shared/customers/accounts.ts";
import { StageListSchema, StagesInputSchema } from "../../../shared/customers/deals.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import {
  getAccount,
  getContactRow,
  listAccounts,
  listContacts,
  listTimeline,
  toContact,
} from "./accountQueries.ts";
import {
  addContact,
  addTimelineEntry,
  createAccount,
  deleteAccount,
  removeContact,
  updateAccount,
  updateContact,
} from "./accounts.ts";
import { handOverAccount } from "./handover.ts";
import { listStages, replaceStages } from "./stages.ts";

const AccountParams = z.object({ accountId: z.string().uuid() });
const ContactParams = AccountParams.extend({ contactId: z.string().uuid() });

export async function accountRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["customers"];

  app.get("/stages", { schema: { tags, response: responses({ 200: StageListSchema }) } }, async (request) =>
    listStages(db, authOf(request).orgId),
  );

  app.put(
    "/stages",
    { schema: { tags, body: StagesInputSchema, response: responses({ 200: StageListSchema }) } },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => replaceStages(trx, auth, request.body, now()));
      return listStages(db, auth.orgId);
    },
  );

  app.get(
    "/accounts",
    {
      schema: { tags, querystring: AccountListQuerySchema, response: responses({ 200: AccountPageSchema }) },
    },
    async (request) => listAccounts(db, authOf(request).orgId, request.query),
  );

  app.post(
    "/accounts",
    { schema: { tags, body: AccountInputSchema, response: responses({ 201: AccountSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await db.transaction().execute((trx) => createAccount(trx, auth, request.body, now()));
      return reply.status(201).send(await getAccount(db, auth.orgId, id));
    },
  );

  app.get(
    "/accounts/:accountId",
    { schema: { tags, params: AccountParams, response: responses({ 200: AccountSchema }) } },
    async (request) => getAccount(db, authOf(request).orgId, request.params.accountId),
  );

  app.patch(
    "/accounts/:accountId",
    {
      schema: {
        tags,
        params: AccountParams,
        body: AccountPatchSchema,
        response: responses({ 200: AccountSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { accountId } = request.params;
      await db.transaction().execute((trx) => updateAccount(trx, auth, accountId, request.body, now()));
      return getAccount(db, auth.orgId, accountId);
    },
  );

  app.delete(
    "/accounts/:accountId",
    { schema: { tags, params: AccountParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => deleteAccount(trx, auth, request.params.accountId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/accounts/:accountId/contacts",
    {
      schema: {
        tags,
        params: AccountParams,
        querystring: PageQuerySchema,
        response: responses({ 200: pageOf(ContactSchema) }),
      },
    },
    async (request) => listContacts(db, authOf(request).orgId, request.params.accountId, request.query),
  );

  app.post(
    "/accounts/:accountId/contacts",
    {
      schema: {
        tags,
        params: AccountParams,
        body: ContactInputSchema,
        response: responses({ 201: ContactSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { accountId } = request.params;
      const id = await db
        .transaction()
        .execute((trx) => addContact(trx, auth, accountId, request.body, now()));
      return reply.status(201).send(toContact(await getContactRow(db, auth.orgId, accountId, id)));
    },
  );

  app.patch(
    "/accounts/:accountId/contacts/:contactId",
    {
      schema: {
        tags,
        params: ContactParams,
        body: ContactPatchSchema,
        response: responses({ 200: ContactSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { accountId, contactId } = request.params;
      await db
        .transaction()
        .execute((trx) => updateContact(trx, auth, accountId, contactId, request.body, now()));
      return toContact(await getContactRow(db, auth.orgId, accountId, contactId));
    },
  );

  app.delete(
    "/accounts/:accountId/contacts/:contactId",
    { schema: { tags, params: ContactParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const { accountId, contactId } = request.params;
      await db.transaction().execute((trx) => removeContact(trx, auth, accountId, contactId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/accounts/:accountId/timeline",
    {
      schema: {
        tags,
        params: AccountParams,
        querystring: PageQuerySchema,
        response: responses({ 200: pageOf(TimelineEntrySchema) }),
      },
    },
    async (request) => listTimeline(db, authOf(request).orgId, request.params.accountId, request.query),
  );

  app.post(
    "/accounts/:accountId/timeline",
    {
      schema: {
        tags,
        params: AccountParams,
        body: TimelineInputSchema,
        response: responses({ 201: TimelineEntrySchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { accountId } = request.params;
      const id = await db.transaction().execute(async (trx) => {
        await getAccount(trx, auth.orgId, accountId);
        return addTimelineEntry(trx, auth.orgId, accountId, request.body, auth.person.id, now());
      });
      const entry = (await listTimeline(db, auth.orgId, accountId, { limit: 200 })).items.find(
        (e) => e.id === id,
      );
      return reply.status(201).send(entry as NonNullable<typeof entry>);
    },
  );

  app.post(
    "/accounts/:accountId/handover",
    {
      schema: {
        tags,
        params: AccountParams,
        body: HandoverInputSchema,
        response: responses({ 200: AccountSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { accountId } = request.params;
      await db.transaction().execute((trx) => handOverAccount(trx, auth, accountId, request.body, now()));
      return getAccount(db, auth.orgId, accountId);
    },
  );
}
