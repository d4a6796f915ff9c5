import { z } from "zod";
import { PageQuerySchema, pageOf } from "../../../shared/common.ts";
import {
  AuditPageSchema,
  InvitationCreatedSchema,
  InvitationInputSchema,
  InvitationSchema,
  OrganisationPatchSchema,
  OrganisationSchema,
  PersonActiveSchema,
  PersonListQuerySchema,
  PersonPageSchema,
  PersonPatchSchema,
  PersonSchema,
  RoleChangeSchema,
} from "../../../shared/org.ts";
import { announceSessionsEnded } from "../../platform/auth/sessionsEnded.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import { fill, mailTexts } from "../../platform/i18n.ts";
import { createInvitation, revokeInvitation } from "./invitations.ts";
import { setPersonActive } from "./offboarding.ts";
import {
  getInvitation,
  getOrganisation,
  getPerson,
  listAuditEntries,
  listInvitations,
  listPeople,
} from "./queries.ts";
import { changeRole, updateOrganisation, updateProfile } from "./service.ts";

const PersonParams = z.object({ personId: z.string().uuid() });
const InvitationParams = z.object({ invitationId: z.string().uuid() });

export async function orgRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();

  app.get(
    "/org",
    { schema: { tags: ["org"], response: responses({ 200: OrganisationSchema }) } },
    async (request) => getOrganisation(db, authOf(request)),
  );

  app.patch(
    "/org",
    {
      schema: {
        tags: ["org"],
        body: OrganisationPatchSchema,
        response: responses({ 200: OrganisationSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => updateOrganisation(trx, auth, request.body, now()));
      return getOrganisation(db, auth);
    },
  );

  app.get(
    "/people",
    {
      schema: {
        tags: ["people"],
        querystring: PersonListQuerySchema,
        response: responses({ 200: PersonPageSchema }),
      },
    },
    async (request) => listPeople(db, authOf(request).orgId, request.query),
  );

  app.get(
    "/people/:personId",
    { schema: { tags: ["people"], params: PersonParams, response: responses({ 200: PersonSchema }) } },
    async (request) => getPerson(db, authOf(request).orgId, request.params.personId),
  );

  app.patch(
    "/people/:personId",
    {
      schema: {
        tags: ["people"],
        params: PersonParams,
        body: PersonPatchSchema,
        response: responses({ 200: PersonSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db
        .transaction()
        .execute((trx) => updateProfile(trx, auth, request.params.personId, request.body));
      return getPerson(db, auth.orgId, request.params.personId);
    },
  );

  app.put(
    "/people/:personId/role",
    {
      schema: {
        tags: ["people"],
        params: PersonParams,
        body: RoleChangeSchema,
        response: responses({ 200: PersonSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db
        .transaction()
        .execute((trx) => changeRole(trx, auth, request.params.personId, request.body, now()));
      return getPerson(db, auth.orgId, request.params.personId);
    },
  );

  app.put(
    "/people/:personId/active",
    {
      schema: {
        tags: ["people"],
        description:
          "Offboarding: deactivate a person who left (sessions and sockets end at once) or reactivate them.",
        params: PersonParams,
        body: PersonActiveSchema,
        response: responses({ 200: PersonSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { personId } = request.params;
      const changed = await db
        .transaction()
        .execute((trx) => setPersonActive(trx, auth, personId, request.body, now()));
      if (changed && !request.body.active) await announceSessionsEnded(app.eventBus, { personId });
      return getPerson(db, auth.orgId, personId);
    },
  );

  app.get(
    "/invitations",
    {
      schema: {
        tags: ["invitations"],
        querystring: PageQuerySchema,
        response: responses({ 200: pageOf(InvitationSchema) }),
      },
    },
    async (request) => listInvitations(db, authOf(request).orgId, now(), request.query),
  );

  app.post(
    "/invitations",
    {
      config: {
        rateLimit: {
          max: Math.max(10, Math.floor(app.config.rateLimitPerMinute / 20)),
          timeWindow: "1 minute",
        },
      },
      schema: {
        tags: ["invitations"],
        body: InvitationInputSchema,
        response: responses({ 201: InvitationCreatedSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const created = await db
        .transaction()
        .execute((trx) => createInvitation(trx, auth, request.body, now()));
      const link = `${app.config.publicUrl}/invite/${created.token}`;
      const organisation = await getOrganisation(db, auth);
      const texts = mailTexts.invitation[created.language];
      const params = { inviter: auth.person.name, organisation: organisation.name, link };
      // After commit (a failing SMTP server never rolls back the invitation) and after the answer, so its
      // timing says nothing about the address. The link is in the answer too, to hand over by other means.
      const mailed = app.mailer.configured;
      setImmediate(() => {
        app.mailer
          .send({
            to: request.body.email,
            subject: fill(texts.subject, params),
            text: fill(texts.text, params),
          })
          .catch((error: Error) =>
            request.log.error({ event: "org.invitationMailFailed", err: error.message }, "invitation mail"),
          );
      });
      const invitation = await getInvitation(db, auth.orgId, created.id);
      return reply.status(201).send({ invitation, link, mailed });
    },
  );

  app.delete(
    "/invitations/:invitationId",
    {
      schema: {
        tags: ["invitations"],
        params: InvitationParams,
        response: responses({ 204: NoContentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await db
        .transaction()
        .execute((trx) => revokeInvitation(trx, auth, request.params.invitationId, now()));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        querystring: PageQuerySchema,
        response: responses({ 200: AuditPageSchema }),
      },
    },
    async (request) => listAuditEntries(db, authOf(request).orgId, request.query),
  );
}
