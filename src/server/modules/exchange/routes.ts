/**
 * HTTP routes of the exchange module — thin: parse, run the service in a transaction, answer with the
 * read model. The route list is in src/shared/exchange.ts; the live room's websocket is roomRoutes.ts.
 */
import { z } from "zod";
import {
  CalendarFeedSchema,
  ContributionInputSchema,
  FacilitatorInputSchema,
  FormatInputSchema,
  FormatListSchema,
  FormatPatchSchema,
  FormatSchema,
  HarvestInputSchema,
  HarvestItemSchema,
  PublishInputSchema,
  SessionListSchema,
  SessionPageSchema,
  SessionStartSchema,
  TopicInputSchema,
  TopicListSchema,
  TopicSchema,
  VersionInputSchema,
  VersionQuerySchema,
} from "../../../shared/exchange.ts";
import { SessionBoardSchema } from "../../../shared/exchangeLive/protocol.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import { sessionBoard } from "./board.ts";
import {
  createFormat,
  deleteFormat,
  proposeTopic,
  removeTopic,
  renewCalendarFeed,
  resolveCalendarFeed,
  updateFormat,
} from "./formats.ts";
import { harvest, markDone, publishCase } from "./harvest.ts";
import { calendarOf } from "./ics.ts";
import {
  formatRow,
  formatsOf,
  getFormat,
  getSessionPage,
  harvestItem,
  listFormats,
  listSessions,
  listTopics,
} from "./queries.ts";
import { SESSION_TOPIC } from "./room.ts";
import { addContribution, endSession, setFacilitator, startSession } from "./sessions.ts";
import type { ExchangeFormatTable } from "./tables.ts";

const FormatParams = z.object({ formatId: z.string().uuid() });
const TopicParams = FormatParams.extend({ topicId: z.string().uuid() });
const SessionParams = z.object({ sessionId: z.string().uuid() });
const HarvestParams = z.object({ harvestItemId: z.string().uuid() });
const FeedParams = z.object({ feedToken: z.string().min(20).max(100) });
const Calendar = z.string().describe("text/calendar (RFC 5545)");

export async function exchangeRoutes(app: App) {
  const db = app.db.kysely;
  const now = () => app.config.now();
  const tags = ["exchange"];
  const host = new URL(app.config.publicUrl).host;
  const write = <T>(run: (trx: Tx) => Promise<T>) => db.transaction().execute(run);
  const sendCalendar = (
    reply: { header(name: string, value: string): unknown },
    name: string,
    formats: ExchangeFormatTable[],
  ) => {
    reply.header("content-type", "text/calendar; charset=utf-8");
    return calendarOf(name, formats as Parameters<typeof calendarOf>[1], host, now());
  };
  const page = (auth: AuthContext, sessionId: string) => getSessionPage(db, auth, sessionId);

  app.get(
    "/exchange/formats",
    { schema: { tags, response: responses({ 200: FormatListSchema }) } },
    async (request) => ({ items: await listFormats(db, authOf(request)) }),
  );
  app.post(
    "/exchange/formats",
    { schema: { tags, body: FormatInputSchema, response: responses({ 201: FormatSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await write((trx) => createFormat(trx, auth, request.body, now()));
      return reply.status(201).send(await getFormat(db, auth, id));
    },
  );
  app.get(
    "/exchange/formats/:formatId",
    { schema: { tags, params: FormatParams, response: responses({ 200: FormatSchema }) } },
    async (request) => getFormat(db, authOf(request), request.params.formatId),
  );
  app.patch(
    "/exchange/formats/:formatId",
    {
      schema: {
        tags,
        params: FormatParams,
        body: FormatPatchSchema,
        response: responses({ 200: FormatSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await write((trx) => updateFormat(trx, auth, request.params.formatId, request.body, now()));
      return getFormat(db, auth, request.params.formatId);
    },
  );
  app.delete(
    "/exchange/formats/:formatId",
    {
      schema: {
        tags,
        params: FormatParams,
        querystring: VersionQuerySchema,
        response: responses({ 204: NoContentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await write((trx) => deleteFormat(trx, auth, request.params.formatId, request.query.version));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/exchange/formats/:formatId/topics",
    { schema: { tags, params: FormatParams, response: responses({ 200: TopicListSchema }) } },
    async (request) => ({ items: await listTopics(db, authOf(request), request.params.formatId) }),
  );
  app.post(
    "/exchange/formats/:formatId/topics",
    {
      schema: {
        tags,
        params: FormatParams,
        body: TopicInputSchema,
        response: responses({ 201: TopicSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await write((trx) => proposeTopic(trx, auth, request.params.formatId, request.body, now()));
      const topic = (await listTopics(db, auth, request.params.formatId)).find((t) => t.id === id);
      if (!topic) throw notFound();
      return reply.status(201).send(topic);
    },
  );
  app.delete(
    "/exchange/formats/:formatId/topics/:topicId",
    { schema: { tags, params: TopicParams, response: responses({ 204: NoContentSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      await write((trx) => removeTopic(trx, auth, request.params.formatId, request.params.topicId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/exchange/formats/:formatId/sessions",
    { schema: { tags, params: FormatParams, response: responses({ 200: SessionListSchema }) } },
    async (request) => ({ items: await listSessions(db, authOf(request), request.params.formatId) }),
  );
  app.post(
    "/exchange/formats/:formatId/sessions",
    {
      schema: {
        tags,
        params: FormatParams,
        body: SessionStartSchema,
        response: responses({ 201: SessionPageSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await write((trx) => startSession(trx, auth, request.params.formatId, request.body, now()));
      return reply.status(201).send(await page(auth, id));
    },
  );

  app.get(
    "/exchange/formats/:formatId/calendar.ics",
    { schema: { tags, params: FormatParams, response: responses({ 200: Calendar }) } },
    async (request, reply) => {
      const format = await formatRow(db, authOf(request).orgId, request.params.formatId);
      return sendCalendar(reply, format.name, [format]);
    },
  );
  app.get(
    "/exchange/me/calendar.ics",
    { schema: { tags, response: responses({ 200: Calendar }) } },
    async (request, reply) => {
      const auth = authOf(request);
      return sendCalendar(reply, "Periphery", await formatsOf(db, auth.orgId, auth.person.id));
    },
  );
  app.post(
    "/exchange/me/calendar-feed",
    { schema: { tags, response: responses({ 201: CalendarFeedSchema }) } },
    async (request, reply) => {
      const auth = authOf(request);
      const token = await write((trx) => renewCalendarFeed(trx, auth, now()));
      const url = `${app.config.publicUrl}/api/exchange/calendar-feeds/${token}/calendar.ics`;
      return reply.status(201).send({ url });
    },
  );
  // Public: calendar apps send no cookies. The secret token in the URL is the credential (hashed in
  // the database like session tokens); POST /exchange/me/calendar-feed replaces it.
  app.get(
    "/exchange/calendar-feeds/:feedToken/calendar.ics",
    {
      config: { public: true },
      schema: { tags, params: FeedParams, response: responses({ 200: Calendar }) },
    },
    async (request, reply) => {
      const feed = await resolveCalendarFeed(db, request.params.feedToken);
      if (!feed) throw notFound();
      return sendCalendar(reply, "Periphery", await formatsOf(db, feed.orgId, feed.personId));
    },
  );

  app.get(
    "/exchange/sessions/:sessionId",
    { schema: { tags, params: SessionParams, response: responses({ 200: SessionPageSchema }) } },
    async (request) => page(authOf(request), request.params.sessionId),
  );
  app.get(
    "/exchange/sessions/:sessionId/board",
    { schema: { tags, params: SessionParams, response: responses({ 200: SessionBoardSchema }) } },
    async (request) => sessionBoard(db, authOf(request), request.params.sessionId),
  );
  app.put(
    "/exchange/sessions/:sessionId/facilitator",
    {
      schema: {
        tags,
        params: SessionParams,
        body: FacilitatorInputSchema,
        response: responses({ 200: SessionPageSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { sessionId } = request.params;
      const seq = await write((trx) =>
        setFacilitator(trx, auth, sessionId, request.body.personId, request.body.version, now()),
      );
      // Open rooms (on any server) show the new facilitator's board now, not at their next re-read.
      if (seq) await app.eventBus.publish(SESSION_TOPIC, { sessionId, seq });
      return page(auth, sessionId);
    },
  );
  app.post(
    "/exchange/sessions/:sessionId/end",
    {
      schema: {
        tags,
        params: SessionParams,
        body: VersionInputSchema,
        response: responses({ 200: SessionPageSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { sessionId } = request.params;
      await write((trx) => endSession(trx, auth, sessionId, request.body.version, now()));
      return page(auth, sessionId);
    },
  );
  app.post(
    "/exchange/sessions/:sessionId/contributions",
    {
      schema: {
        tags,
        params: SessionParams,
        body: ContributionInputSchema,
        response: responses({ 201: SessionPageSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { sessionId } = request.params;
      await write((trx) => addContribution(trx, auth, sessionId, request.body.body, now()));
      return reply.status(201).send(await page(auth, sessionId));
    },
  );
  app.post(
    "/exchange/sessions/:sessionId/harvest",
    {
      schema: {
        tags,
        params: SessionParams,
        body: HarvestInputSchema,
        response: responses({ 201: HarvestItemSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const ctx = { now: now(), mailConfigured: app.mailer.configured };
      const id = await write((trx) => harvest(trx, auth, request.params.sessionId, request.body, ctx));
      return reply.status(201).send(await harvestItem(db, auth, id));
    },
  );
  app.post(
    "/exchange/sessions/:sessionId/publish",
    {
      schema: {
        tags,
        params: SessionParams,
        body: PublishInputSchema,
        response: responses({ 201: HarvestItemSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const id = await write((trx) =>
        publishCase(trx, auth, request.params.sessionId, request.body.text, now()),
      );
      return reply.status(201).send(await harvestItem(db, auth, id));
    },
  );
  app.post(
    "/exchange/harvest/:harvestItemId/done",
    {
      schema: {
        tags,
        params: HarvestParams,
        body: VersionInputSchema,
        response: responses({ 200: HarvestItemSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const { harvestItemId } = request.params;
      await write((trx) => markDone(trx, auth, harvestItemId, request.body.version, now()));
      return harvestItem(db, auth, harvestItemId);
    },
  );
}
