/**
 * The exchange module's API contract (formats for collective learning, domain.md §4). Everything is
 * in the signed-in organisation and transparent to its members — except Kollegiale Beratung sessions,
 * which only their participants see (404 for everyone else). Nobody's participation is counted.
 *
 *   GET    /api/exchange/formats                                 formats, by name → { items }
 *   POST   /api/exchange/formats                                 create → Format 201
 *   GET    /api/exchange/formats/:formatId                       → Format
 *   PATCH  /api/exchange/formats/:formatId                       edit (version; 409 STALE_VERSION) → Format
 *   DELETE /api/exchange/formats/:formatId?version               with its backlog and sessions (version checked if given) → 204
 *   GET    /api/exchange/formats/:formatId/topics                the topic backlog (open topics first) → { items }
 *   POST   /api/exchange/formats/:formatId/topics                propose a topic before a session → Topic 201
 *   DELETE /api/exchange/formats/:formatId/topics/:topicId       take a topic off the backlog → 204
 *   GET    /api/exchange/formats/:formatId/sessions              sessions, newest first (those the caller may join)
 *   POST   /api/exchange/formats/:formatId/sessions              start one → SessionPage 201 (with the open actions
 *                                                                of the format's last session: follow-through)
 *   GET    /api/exchange/formats/:formatId/calendar.ics          the format's recurring event (RFC 5545)
 *   GET    /api/exchange/me/calendar.ics                         every format the caller takes part in
 *   POST   /api/exchange/me/calendar-feed                        a new secret feed URL (the old one stops working)
 *   GET    /api/exchange/calendar-feeds/:feedToken/calendar.ics  public: the feed for calendar apps, by secret token
 *
 *   GET    /api/exchange/sessions/:sessionId                     the session page: contributions, harvest, carried actions
 *   PUT    /api/exchange/sessions/:sessionId/facilitator         anyone picks the facilitator (version) → SessionPage
 *   POST   /api/exchange/sessions/:sessionId/end                 end it (version) → SessionPage
 *   POST   /api/exchange/sessions/:sessionId/contributions       a note, named or anonymous per session → Contribution 201
 *   POST   /api/exchange/sessions/:sessionId/harvest             route an outcome: learning | obstacle | proposal | action
 *   POST   /api/exchange/sessions/:sessionId/publish             Kollegiale Beratung: the case owner publishes chosen,
 *                                                                anonymised text as a learning → HarvestItem 201
 *   POST   /api/exchange/harvest/:harvestItemId/done             an action is done (version) → HarvestItem
 */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, optionalText, text, VersionSchema } from "./common.ts";

export const FORMAT_TYPES = [
  "leanCoffee",
  "kollegialeBeratung",
  "retrospective",
  "troika",
  "openSpace",
] as const;
export const FormatTypeSchema = z.enum(FORMAT_TYPES);
export type FormatType = z.infer<typeof FormatTypeSchema>;
export const CadenceSchema = z.enum(["weekly", "fortnightly", "monthly", "onDemand"]);
export type Cadence = z.infer<typeof CadenceSchema>;
export const AccessSchema = z.enum(["open", "invitation"]);

export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "unknown time zone");

export const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const FormatInputSchema = z.object({
  name: text(200),
  type: FormatTypeSchema,
  description: optionalText(4000).default(""),
  cadence: CadenceSchema.default("onDemand"),
  /** The first occurrence (a date in the format's time zone); the cadence repeats from it. */
  startsOn: DateSchema,
  timeOfDay: TimeOfDaySchema.default("09:00"),
  timeZone: TimeZoneSchema.default("Europe/Berlin"),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60)
    .default(60),
  /** Open to everyone in the organisation, or by invitation (the participants). */
  access: AccessSchema.default("open"),
  participantIds: z.array(IdSchema).max(200).default([]),
});
export type FormatInput = z.infer<typeof FormatInputSchema>;
export const FormatPatchSchema = z.object({
  version: VersionSchema,
  name: text(200).optional(),
  description: optionalText(4000).optional(),
  cadence: CadenceSchema.optional(),
  startsOn: DateSchema.optional(),
  timeOfDay: TimeOfDaySchema.optional(),
  timeZone: TimeZoneSchema.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60)
    .optional(),
  access: AccessSchema.optional(),
  participantIds: z.array(IdSchema).max(200).optional(),
});
export type FormatPatch = z.infer<typeof FormatPatchSchema>;

export const FormatSchema = z.object({
  id: IdSchema,
  name: z.string(),
  type: FormatTypeSchema,
  description: z.string(),
  cadence: CadenceSchema,
  startsOn: z.string(),
  timeOfDay: z.string(),
  timeZone: z.string(),
  durationMinutes: z.number(),
  access: AccessSchema,
  participants: z.array(PersonRefSchema),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: z.number(),
});
export type Format = z.infer<typeof FormatSchema>;
export const FormatListSchema = z.object({ items: z.array(FormatSchema) });
/** Deleting names the version it saw when the client has one (409 if the format changed since). */
export const VersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional() });

export const TopicInputSchema = z.object({
  title: text(200),
  pitch: optionalText(2000).default(""),
  /** Proposed without a name. */
  anonymous: z.boolean().default(false),
});
export type TopicInput = z.infer<typeof TopicInputSchema>;
export const TopicSchema = z.object({
  id: IdSchema,
  title: z.string(),
  pitch: z.string(),
  author: PersonRefSchema.nullable(),
  createdAt: IsoDateTimeSchema,
});
export type Topic = z.infer<typeof TopicSchema>;
export const TopicListSchema = z.object({ items: z.array(TopicSchema) });

export const SessionStartSchema = z.object({
  /** Defaults to the next person in the rotation (after the last session's facilitator). */
  facilitatorId: IdSchema.nullable().default(null),
  /** Contributions without names, for this session. */
  anonymous: z.boolean().default(false),
  /** Kollegiale Beratung: who is in the room (the caller always is) and whose case it is. */
  participantIds: z.array(IdSchema).max(30).default([]),
  caseOwnerId: IdSchema.nullable().default(null),
});
export type SessionStart = z.infer<typeof SessionStartSchema>;

export const HARVEST_KINDS = ["learning", "obstacle", "proposal", "action"] as const;
export const HarvestKindSchema = z.enum(HARVEST_KINDS);
export const HarvestInputSchema = z.object({
  kind: HarvestKindSchema,
  title: text(200),
  body: optionalText(10_000).default(""),
  /** Actions: who does it and by when. */
  personId: IdSchema.nullable().default(null),
  dueDate: DateSchema.nullable().default(null),
});
export type HarvestInput = z.infer<typeof HarvestInputSchema>;
export const PublishInputSchema = z.object({ text: text(10_000) });

export const HarvestItemSchema = z.object({
  id: IdSchema,
  sessionId: IdSchema,
  kind: HarvestKindSchema,
  title: z.string(),
  body: z.string(),
  /** Where it went: the learning, obstacle or proposal created from it. */
  targetId: IdSchema.nullable(),
  person: PersonRefSchema.nullable(),
  dueDate: z.string().nullable(),
  doneAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  version: z.number(),
});
export type HarvestItem = z.infer<typeof HarvestItemSchema>;

export const ContributionInputSchema = z.object({ body: text(4000) });
export const ContributionSchema = z.object({
  id: IdSchema,
  body: z.string(),
  /** Null in anonymous sessions. */
  author: PersonRefSchema.nullable(),
  createdAt: IsoDateTimeSchema,
});

export const SessionSchema = z.object({
  id: IdSchema,
  formatId: IdSchema,
  formatName: z.string(),
  kind: FormatTypeSchema,
  facilitator: PersonRefSchema.nullable(),
  anonymous: z.boolean(),
  confidential: z.boolean(),
  participants: z.array(PersonRefSchema),
  caseOwner: PersonRefSchema.nullable(),
  startedAt: IsoDateTimeSchema,
  endedAt: IsoDateTimeSchema.nullable(),
  version: z.number(),
});
export type Session = z.infer<typeof SessionSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionSchema) });
export const SessionPageSchema = z.object({
  session: SessionSchema,
  contributions: z.array(ContributionSchema),
  harvest: z.array(HarvestItemSchema),
  /** Open actions of the format's previous session, shown when this one starts. */
  carriedActions: z.array(HarvestItemSchema),
});
export type SessionPage = z.infer<typeof SessionPageSchema>;
export const FacilitatorInputSchema = z.object({ personId: IdSchema, version: VersionSchema });
export const VersionInputSchema = z.object({ version: VersionSchema });
export const CalendarFeedSchema = z.object({ url: z.string() });
