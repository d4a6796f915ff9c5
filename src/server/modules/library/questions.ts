/**
 * Questions to the collective: anyone asks, anyone answers, and the asker marks the answers that
 * helped (theirs is the only judgement that counts here, and it is about answers, not people).
 * A question is one search document together with its answers.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "../../../shared/common.ts";
import type { Question, QuestionInput, QuestionSummary } from "../../../shared/library.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { renderMarkdown } from "./markdown.ts";
import { checkAsker } from "./policy.ts";
import { cleanTags, parseList, peopleByIds } from "./references.ts";
import { indexDocument } from "./searchIndex.ts";

async function loadQuestion(db: Tx, orgId: string, id: string) {
  const row = await selectInOrg(db, "libraryQuestion", orgId)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const answersOf = (db: Tx, orgId: string, questionId: string) =>
  selectInOrg(db, "libraryAnswer", orgId)
    .selectAll()
    .where("questionId", "=", questionId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();

async function indexQuestion(db: Tx, orgId: string, id: string) {
  const row = await loadQuestion(db, orgId, id);
  const answers = await answersOf(db, orgId, id);
  await indexDocument(db, {
    orgId,
    docType: "question",
    docId: id,
    kind: null,
    cellId: null,
    tags: parseList(row.tags),
    createdAt: row.createdAt,
    title: row.title,
    texts: [row.body, ...answers.map((a) => a.body)],
  });
}

export async function askQuestion(db: Tx, auth: AuthContext, input: QuestionInput, now: Date) {
  const id = randomUUID();
  await db
    .insertInto("libraryQuestion")
    .values({
      id,
      orgId: auth.orgId,
      title: input.title,
      body: input.body,
      tags: JSON.stringify(cleanTags(input.tags)),
      askerId: auth.person.id,
      answerCount: 0,
      createdAt: now.toISOString(),
    })
    .execute();
  await indexQuestion(db, auth.orgId, id);
  return id;
}

export async function answerQuestion(db: Tx, auth: AuthContext, questionId: string, body: string, now: Date) {
  await loadQuestion(db, auth.orgId, questionId);
  await db
    .insertInto("libraryAnswer")
    .values({
      id: randomUUID(),
      orgId: auth.orgId,
      questionId,
      authorId: auth.person.id,
      body,
      helped: 0,
      createdAt: now.toISOString(),
    })
    .execute();
  await updateInOrg(db, "libraryQuestion", auth.orgId)
    .set((eb) => ({ answerCount: eb("answerCount", "+", 1) }))
    .where("id", "=", questionId)
    .execute();
  await indexQuestion(db, auth.orgId, questionId);
}

/** Only the asker says which answers helped them (403 for anyone else). */
export async function markAnswerHelped(
  db: Tx,
  auth: AuthContext,
  questionId: string,
  answerId: string,
  helped: boolean,
) {
  const question = await loadQuestion(db, auth.orgId, questionId);
  const answer = await selectInOrg(db, "libraryAnswer", auth.orgId)
    .select("id")
    .where("id", "=", answerId)
    .where("questionId", "=", questionId)
    .executeTakeFirst();
  if (!answer) throw notFound();
  checkAsker(question, auth);
  await updateInOrg(db, "libraryAnswer", auth.orgId)
    .set({ helped: helped ? 1 : 0 })
    .where("id", "=", answerId)
    .execute();
}

export async function getQuestion(db: Tx, auth: AuthContext, id: string): Promise<Question> {
  const row = await loadQuestion(db, auth.orgId, id);
  const answers = await answersOf(db, auth.orgId, id);
  const people = await peopleByIds(db, auth.orgId, [
    ...(row.askerId ? [row.askerId] : []),
    ...answers.flatMap((a) => (a.authorId ? [a.authorId] : [])),
  ]);
  const ref = (pid: string | null) => (pid && people.get(pid)) || { id: row.id, name: "" };
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    tags: parseList(row.tags),
    asker: ref(row.askerId),
    isAsker: row.askerId === auth.person.id,
    answers: answers.map((a) => ({
      id: a.id,
      author: ref(a.authorId),
      body: a.body,
      bodyHtml: renderMarkdown(a.body),
      helped: a.helped === 1,
      createdAt: a.createdAt,
    })),
    createdAt: row.createdAt,
  };
}

export async function listQuestions(
  db: Tx,
  orgId: string,
  query: { cursor?: string; limit: number },
): Promise<Page<QuestionSummary>> {
  const q = selectInOrg(db, "libraryQuestion", orgId).selectAll();
  const rows = await keysetQuery(q, query, { key: "createdAt", id: "id", dir: "desc" }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  const ids = page.items.map((r) => r.id);
  const helped = new Set(
    ids.length
      ? (
          await selectInOrg(db, "libraryAnswer", orgId)
            .select("questionId")
            .where("questionId", "in", ids)
            .where("helped", "=", 1)
            .execute()
        ).map((a) => a.questionId)
      : [],
  );
  const people = await peopleByIds(
    db,
    orgId,
    page.items.flatMap((r) => (r.askerId ? [r.askerId] : [])),
  );
  return {
    items: page.items.map((r) => ({
      id: r.id,
      title: r.title,
      tags: parseList(r.tags),
      asker: (r.askerId && people.get(r.askerId)) || { id: r.id, name: "" },
      answerCount: r.answerCount,
      answered: helped.has(r.id),
      createdAt: r.createdAt,
    })),
    nextCursor: page.nextCursor,
  };
}
