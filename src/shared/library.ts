/**
 * The library module's API contract: collective learning that outlives the session it came from.
 * PRODUCT.md rule 2: "this helped me" marks are counted per entry only — no route counts anything
 * per author or per person; authors are shown by name and never aggregated. Rule 4: everything here
 * is read by every member of the organisation.
 *
 * Routes (all under the signed-in organisation; edits name the `version` they were based on, a
 * mismatch is 409 STALE_VERSION):
 *
 *   GET    /api/library/search?q&type&kind&tag&cellId&from&to&cursor&limit   entries and questions,
 *                                     German and English stems, compounds; newest first → SearchPage
 *   POST   /api/library/preview                         Markdown → safe HTML (the editor's preview)
 *   POST   /api/library/entries                         write an entry → Entry 201
 *   GET    /api/library/entries/:entryId                one entry, rendered body → Entry
 *   PATCH  /api/library/entries/:entryId                edit (version) → Entry
 *   PUT    /api/library/entries/:entryId/helped         "this helped me" (once per person) → Entry
 *   DELETE /api/library/entries/:entryId/helped         take the mark back → Entry
 *   POST   /api/library/entries/:entryId/reviewed       a member of the caring cell reviewed it → Entry
 *   GET    /api/library/review-due?cellId&cursor&limit  entries whose review is due (of one cell) → EntryPage
 *   GET    /api/accounts/:accountId/learnings?cursor&limit   entries linked to the account, newest first → EntryPage
 *   GET    /api/deals/:dealId/learnings?cursor&limit         entries linked to the deal, newest first → EntryPage
 *
 *   POST   /api/library/questions                       ask the collective → Question 201
 *   GET    /api/library/questions?cursor&limit          newest first → QuestionPage
 *   GET    /api/library/questions/:questionId           with its answers → Question
 *   POST   /api/library/questions/:questionId/answers   answer → Question 201
 *   PUT    /api/library/questions/:questionId/answers/:answerId/helped   the asker: { helped } → Question
 *
 *   POST   /api/library/experiments                     hypothesis, cell, period, measure → Experiment 201
 *   GET    /api/library/experiments?cellId&cursor&limit newest first → ExperimentPage
 *   GET    /api/library/experiments/:experimentId       → Experiment
 *   PATCH  /api/library/experiments/:experimentId       edit, record the result (version) → Experiment
 *   POST   /api/library/experiments/:experimentId/learning   the learning becomes an entry, linked → Experiment 201
 */
import { z } from "zod";
import { DateSchema, IdSchema, optionalText, pageOf, searchText, text, VersionSchema } from "./common.ts";

export const ENTRY_KINDS = ["insight", "winStory", "lossReview", "playbook", "objectionHandling"] as const;
export const EntryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKindSchema>;

export const LIBRARY_LINK_TYPES = ["account", "deal", "session", "proposal"] as const;
export const LibraryLinkTypeSchema = z.enum(LIBRARY_LINK_TYPES);
export type LibraryLinkType = z.infer<typeof LibraryLinkTypeSchema>;
export const LibraryLinkInputSchema = z.object({ type: LibraryLinkTypeSchema, id: IdSchema });
export type LibraryLinkInput = z.infer<typeof LibraryLinkInputSchema>;
/** `label`: the account's name, deal's title, session's format and date, proposal's title. */
export const LibraryLinkSchema = z.object({ type: LibraryLinkTypeSchema, id: IdSchema, label: z.string() });
export type LibraryLink = z.infer<typeof LibraryLinkSchema>;

const RefSchema = z.object({ id: IdSchema, name: z.string() });
export type Ref = z.infer<typeof RefSchema>;

const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  // "|" separates tags in the search index; NUL cannot be stored by PostgreSQL.
  .refine((tag) => !tag.includes("|") && !tag.includes(String.fromCharCode(0)), "tag");
export const TagsSchema = z.array(TagSchema).max(20);

/* Markdown */

export const MarkdownInputSchema = z.object({ body: optionalText(50_000) });
export const RenderedSchema = z.object({ html: z.string() });

/* Entries */

export const EntryInputSchema = z.object({
  kind: EntryKindSchema.default("insight"),
  title: text(200),
  /** Markdown. Rendered without raw HTML, with http(s)/mailto links only. */
  body: optionalText(50_000).default(""),
  tags: TagsSchema.default([]),
  links: z.array(LibraryLinkInputSchema).max(30).default([]),
  /** People who wrote it; the writer when absent. Shown, never counted. */
  authorIds: z.array(IdSchema).max(20).optional(),
  /** The cell that looks after the entry (not a person); null: nobody reviews it. */
  careCellId: IdSchema.nullable().default(null),
  reviewIntervalDays: z.number().int().min(7).max(730).default(180),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;
export const EntryPatchSchema = z.object({
  version: VersionSchema,
  kind: EntryKindSchema.optional(),
  title: text(200).optional(),
  body: optionalText(50_000).optional(),
  tags: TagsSchema.optional(),
  links: z.array(LibraryLinkInputSchema).max(30).optional(),
  authorIds: z.array(IdSchema).max(20).optional(),
  careCellId: IdSchema.nullable().optional(),
  reviewIntervalDays: z.number().int().min(7).max(730).optional(),
});
export type EntryPatch = z.infer<typeof EntryPatchSchema>;
export const VersionBodySchema = z.object({ version: VersionSchema });

export const EntrySchema = z.object({
  id: IdSchema,
  kind: EntryKindSchema,
  title: z.string(),
  body: z.string(),
  /** The body rendered to HTML by the server: no raw HTML, no styles, safe link schemes only. */
  bodyHtml: z.string(),
  tags: z.array(z.string()),
  links: z.array(LibraryLinkSchema),
  authors: z.array(RefSchema),
  careCell: RefSchema.nullable(),
  reviewIntervalDays: z.number().int(),
  /** When the caring cell should look at it again; null without a caring cell. */
  reviewDueAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** The review is overdue: readers see "possibly outdated". */
  outdated: z.boolean(),
  /** "This helped me" marks on this entry (the one count there is). */
  helpedCount: z.number().int(),
  helpedByMe: z.boolean(),
  /** The caller is in the caring cell and may mark it reviewed. */
  canReview: z.boolean(),
  experimentId: IdSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Entry = z.infer<typeof EntrySchema>;

export const EntrySummarySchema = z.object({
  id: IdSchema,
  kind: EntryKindSchema,
  title: z.string(),
  tags: z.array(z.string()),
  careCell: RefSchema.nullable(),
  reviewDueAt: z.string().nullable(),
  outdated: z.boolean(),
  helpedCount: z.number().int(),
  updatedAt: z.string(),
});
export type EntrySummary = z.infer<typeof EntrySummarySchema>;
export const EntryPageSchema = pageOf(EntrySummarySchema);
export const ReviewDueQuerySchema = z.object({
  /** Without a cell: every cell's entries due for review. */
  cellId: IdSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/* Search */

export const SEARCH_TYPES = ["entry", "question"] as const;
export const SearchQuerySchema = z
  .object({
    q: searchText(200).optional(),
    type: z.enum(SEARCH_TYPES).optional(),
    kind: EntryKindSchema.optional(),
    tag: searchText(40).optional(),
    cellId: IdSchema.optional(),
    /** Created on or after / on or before (YYYY-MM-DD, UTC). */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from after to", path: ["to"] });
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

/** A piece of a snippet; `hit` pieces matched the search. Plain text: the client renders it as text. */
export const SnippetPartSchema = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPartSchema>;
export const SearchHitSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  id: IdSchema,
  /** Entries: their kind; questions: null. */
  kind: EntryKindSchema.nullable(),
  title: z.array(SnippetPartSchema),
  snippet: z.array(SnippetPartSchema),
  tags: z.array(z.string()),
  cell: RefSchema.nullable(),
  outdated: z.boolean(),
  /** Entries: "this helped me" marks; questions: answers. */
  count: z.number().int(),
  createdAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;
export const SearchPageSchema = pageOf(SearchHitSchema);
export type SearchPage = z.infer<typeof SearchPageSchema>;

/* Questions and answers */

export const QuestionInputSchema = z.object({
  title: text(200),
  body: optionalText(20_000).default(""),
  tags: TagsSchema.default([]),
});
export type QuestionInput = z.infer<typeof QuestionInputSchema>;
export const AnswerInputSchema = z.object({ body: text(20_000) });
export const AnswerHelpedInputSchema = z.object({ helped: z.boolean() });

export const AnswerSchema = z.object({
  id: IdSchema,
  author: RefSchema,
  body: z.string(),
  bodyHtml: z.string(),
  /** The asker said this answer helped. */
  helped: z.boolean(),
  createdAt: z.string(),
});
export const QuestionSchema = z.object({
  id: IdSchema,
  title: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  tags: z.array(z.string()),
  asker: RefSchema,
  /** The caller asked it and may mark answers that helped. */
  isAsker: z.boolean(),
  answers: z.array(AnswerSchema),
  createdAt: z.string(),
});
export type Question = z.infer<typeof QuestionSchema>;
export const QuestionSummarySchema = z.object({
  id: IdSchema,
  title: z.string(),
  tags: z.array(z.string()),
  asker: RefSchema,
  answerCount: z.number().int(),
  answered: z.boolean(),
  createdAt: z.string(),
});
export type QuestionSummary = z.infer<typeof QuestionSummarySchema>;
export const QuestionPageSchema = pageOf(QuestionSummarySchema);
export const ListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/* Experiments */

const ExperimentFields = {
  title: text(200),
  hypothesis: text(5000),
  cellId: IdSchema,
  from: DateSchema,
  to: DateSchema,
  /** What is measured, and how. */
  measure: text(2000),
  result: optionalText(10_000).default(""),
};
export const ExperimentInputSchema = z
  .object(ExperimentFields)
  .refine((e) => e.from <= e.to, { message: "from after to", path: ["to"] });
export type ExperimentInput = z.infer<typeof ExperimentInputSchema>;
export const ExperimentPatchSchema = z
  .object({
    version: VersionSchema,
    title: ExperimentFields.title.optional(),
    hypothesis: ExperimentFields.hypothesis.optional(),
    cellId: IdSchema.optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    measure: ExperimentFields.measure.optional(),
    result: optionalText(10_000).optional(),
  })
  .refine((e) => !e.from || !e.to || e.from <= e.to, { message: "from after to", path: ["to"] });
export type ExperimentPatch = z.infer<typeof ExperimentPatchSchema>;
export const ExperimentLearningInputSchema = z.object({
  version: VersionSchema,
  kind: EntryKindSchema.default("insight"),
  title: text(200),
  body: optionalText(50_000).default(""),
  tags: TagsSchema.default([]),
});
export type ExperimentLearningInput = z.infer<typeof ExperimentLearningInputSchema>;

export const ExperimentSchema = z.object({
  id: IdSchema,
  title: z.string(),
  hypothesis: z.string(),
  cell: RefSchema,
  from: z.string(),
  to: z.string(),
  measure: z.string(),
  result: z.string(),
  /** The entry its learning became; null until then. */
  learning: RefSchema.nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Experiment = z.infer<typeof ExperimentSchema>;
export const ExperimentPageSchema = pageOf(ExperimentSchema);
export const ExperimentListQuerySchema = ListQuerySchema.extend({ cellId: IdSchema.optional() });
