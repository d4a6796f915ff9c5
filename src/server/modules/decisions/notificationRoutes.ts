import { z } from "zod";
import {
  NotificationPageSchema,
  NotificationPreferencesInputSchema,
  NotificationPreferencesSchema,
  NotificationQuerySchema,
  UnreadCountSchema,
} from "../../../shared/decisions/notifications.ts";
import { type App, authOf, NoContentSchema, responses } from "../../platform/http.ts";
import {
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  setPreferences,
  unreadCount,
} from "./notifications.ts";

const NotificationParams = z.object({ notificationId: z.string().uuid() });
const tags = ["notifications"];

/** A person's own notifications and e-mail preferences. */
export async function notificationRoutes(app: App) {
  const db = app.db.kysely;

  app.get(
    "/notifications",
    {
      schema: {
        tags,
        querystring: NotificationQuerySchema,
        response: responses({ 200: NotificationPageSchema }),
      },
    },
    async (request) => listNotifications(db, authOf(request), request.query),
  );
  app.get(
    "/notifications/unread-count",
    { schema: { tags, response: responses({ 200: UnreadCountSchema }) } },
    async (request) => ({ count: await unreadCount(db, authOf(request)) }),
  );
  app.post(
    "/notifications/:notificationId/read",
    {
      schema: {
        tags,
        params: NotificationParams,
        response: responses({ 204: NoContentSchema }),
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await db
        .transaction()
        .execute((trx) => markRead(trx, auth, request.params.notificationId, app.config.now()));
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/notifications/read-all",
    { schema: { tags, response: responses({ 200: UnreadCountSchema }) } },
    async (request) => ({ count: await markAllRead(db, authOf(request), app.config.now()) }),
  );
  app.get(
    "/me/notification-preferences",
    { schema: { tags, response: responses({ 200: NotificationPreferencesSchema }) } },
    async (request) => getPreferences(db, authOf(request), app.mailer.configured),
  );
  app.put(
    "/me/notification-preferences",
    {
      schema: {
        tags,
        body: NotificationPreferencesInputSchema,
        response: responses({ 200: NotificationPreferencesSchema }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      await db.transaction().execute((trx) => setPreferences(trx, auth, request.body));
      return getPreferences(db, auth, app.mailer.configured);
    },
  );
}
