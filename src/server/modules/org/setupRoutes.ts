import { z } from "zod";
import {
  AcceptInvitationSchema,
  CreateOrganisationSchema,
  DemoPersonaListSchema,
  DemoPersonaSchema,
  InvitationPreviewSchema,
  OpenDemoSchema,
  SessionInfoSchema,
  SetupStatusSchema,
} from "../../../shared/auth.ts";
import { generateDemo } from "../../demo/generate.ts";
import { checkNewPassword } from "../../platform/auth/passwordPolicy.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { signInAs } from "../../platform/auth/routes.ts";
import { endSession } from "../../platform/auth/sessions.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { type App, authOf, responses } from "../../platform/http.ts";
import { acceptInvitation, getOpenInvitation } from "./invitations.ts";
import { createOrganisation } from "./service.ts";
import { findDemoPersona, hasPasswordSignIn, hasRealOrganisation, listDemoPersonas } from "./setup.ts";

const TokenParams = z.object({ token: z.string().min(20).max(200) });

/**
 * The public routes of the org module — first start, opening the demo, invitation links — and the
 * demo's persona switch (signed in, in the demo organisation only).
 */
export async function setupRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const strict = {
    max: Math.max(10, Math.floor(app.config.rateLimitPerMinute / 20)),
    timeWindow: "1 minute",
  };
  const config = { public: true, rateLimit: strict };
  const tags = ["setup"];

  app.get(
    "/setup",
    { config: { public: true }, schema: { tags, response: responses({ 200: SetupStatusSchema }) } },
    async () => {
      const firstStart = !(await hasRealOrganisation(db));
      return {
        firstStart,
        demoAvailable: firstStart,
        signInAvailable: await hasPasswordSignIn(db),
        mailConfigured: app.mailer.configured,
      };
    },
  );

  app.post(
    "/setup/organisation",
    {
      config,
      schema: { tags, body: CreateOrganisationSchema, response: responses({ 201: SessionInfoSchema }) },
    },
    async (request, reply) => {
      if (!app.config.allowNewOrganisations && (await hasRealOrganisation(db)))
        throw new AppError("SETUP_DONE");
      const { password, ...input } = request.body;
      checkNewPassword(password, input);
      const passwordHash = await hashPassword(password, app.config.passwordCost);
      const created = await db
        .transaction()
        .execute((trx) => createOrganisation(trx, { ...input, passwordHash }, now()));
      const info = await signInAs(app, reply, { id: created.personId, orgId: created.orgId });
      return reply.status(201).send(info);
    },
  );

  app.post(
    "/setup/demo",
    {
      // Generating the demo on PostgreSQL may take longer than one query may (platform/deadline.ts).
      config: { ...config, deadline: false },
      schema: { tags, body: OpenDemoSchema, response: responses({ 200: SessionInfoSchema }) },
    },
    async (request, reply) => {
      if (await hasRealOrganisation(db)) throw new AppError("SETUP_DONE");
      const { persona } = request.body;
      let person = await findDemoPersona(db, persona);
      if (!person) {
        try {
          // Dated relative to today on the config's clock: a demo made today reads as current.
          await generateDemo(app.db, { size: "small", today: now() });
        } catch (error) {
          // Two visitors clicked at once: the deterministic demo already exists, use it.
          if (!(await findDemoPersona(db, persona))) throw error;
        }
        person = await findDemoPersona(db, persona);
        if (!person) throw notFound();
      }
      if (request.auth) await endSession(db, request.auth.sessionId);
      request.log.info({ event: "auth.demoEntered", persona }, "demo organisation opened");
      return signInAs(app, reply, person);
    },
  );

  const demoTags = ["demo"];
  app.get(
    "/demo/personas",
    { schema: { tags: demoTags, response: responses({ 200: DemoPersonaListSchema }) } },
    async (request) => {
      const auth = authOf(request);
      if (!(await isDemoOrganisation(auth.orgId))) throw notFound();
      return listDemoPersonas(db, auth.orgId, auth.person.id);
    },
  );

  app.post(
    "/demo/persona",
    {
      schema: {
        tags: demoTags,
        body: z.object({ persona: DemoPersonaSchema }),
        response: responses({ 200: SessionInfoSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      if (!(await isDemoOrganisation(auth.orgId))) throw notFound();
      const person = await findDemoPersona(db, request.body.persona);
      if (!person || person.orgId !== auth.orgId) throw notFound();
      // Like any sign-in: the presented session ends, a new one starts.
      await endSession(db, auth.sessionId);
      request.log.info({ event: "auth.demoPersona", persona: request.body.persona }, "demo persona switched");
      return signInAs(app, reply, person);
    },
  );

  async function isDemoOrganisation(orgId: string): Promise<boolean> {
    const org = await db
      .selectFrom("organisation")
      .select("isDemo")
      .where("id", "=", orgId)
      .executeTakeFirst();
    return Number(org?.isDemo) === 1;
  }

  app.get(
    "/invitations/by-token/:token",
    {
      config,
      schema: {
        tags: ["invitations"],
        params: TokenParams,
        response: responses({ 200: InvitationPreviewSchema }),
      },
    },
    async (request) => {
      const invitation = await getOpenInvitation(db, request.params.token, now());
      return {
        organisationName: invitation.organisationName,
        email: invitation.email,
        invitedByName: invitation.invitedByName,
      };
    },
  );

  app.post(
    "/invitations/by-token/:token/accept",
    {
      config,
      schema: {
        tags: ["invitations"],
        params: TokenParams,
        body: AcceptInvitationSchema,
        response: responses({ 201: SessionInfoSchema }),
      },
    },
    async (request, reply) => {
      const { password, ...rest } = request.body;
      const { email } = await getOpenInvitation(db, request.params.token, now());
      checkNewPassword(password, { name: rest.name, email });
      const passwordHash = await hashPassword(password, app.config.passwordCost);
      const person = await db
        .transaction()
        .execute((trx) => acceptInvitation(trx, request.params.token, { ...rest, passwordHash }, now()));
      const info = await signInAs(app, reply, { id: person.personId, orgId: person.orgId });
      return reply.status(201).send(info);
    },
  );
}
