import { z } from "zod";
import {
  AcceptInvitationSchema,
  CreateOrganisationSchema,
  InvitationPreviewSchema,
  SessionInfoSchema,
  SetupStatusSchema,
} from "../../../shared/auth.ts";
import { generateDemo } from "../../demo/generate.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { signInAs } from "../../platform/auth/routes.ts";
import { AppError } from "../../platform/errors.ts";
import { type App, responses } from "../../platform/http.ts";
import { acceptInvitation, getOpenInvitation } from "./invitations.ts";
import { createOrganisation } from "./service.ts";
import { findDemoSteward, hasRealOrganisation } from "./setup.ts";

const TokenParams = z.object({ token: z.string().min(20).max(200) });

/** The public routes of the org module: first start and invitation links. */
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
      return { firstStart, demoAvailable: firstStart, mailConfigured: app.mailer.configured };
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
    { config, schema: { tags, response: responses({ 200: SessionInfoSchema }) } },
    async (request, reply) => {
      if (await hasRealOrganisation(db)) throw new AppError("SETUP_DONE");
      let steward = await findDemoSteward(db);
      if (!steward) {
        try {
          const demo = await generateDemo(app.db, { size: "small" });
          steward = { id: demo.stewardId, orgId: demo.orgId };
        } catch (error) {
          // Two visitors clicked at once: the deterministic demo already exists, use it.
          steward = await findDemoSteward(db);
          if (!steward) throw error;
        }
      }
      request.log.info({ event: "auth.demoEntered" }, "demo organisation opened");
      return signInAs(app, reply, steward);
    },
  );

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
      const passwordHash = await hashPassword(password, app.config.passwordCost);
      const person = await db
        .transaction()
        .execute((trx) => acceptInvitation(trx, request.params.token, { ...rest, passwordHash }, now()));
      const info = await signInAs(app, reply, { id: person.personId, orgId: person.orgId });
      return reply.status(201).send(info);
    },
  );
}
