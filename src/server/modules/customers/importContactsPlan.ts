import { randomUUID } from "node:crypto";
import type { Match, NewContact, PlanBuilder, RecordIdMatch } from "./importPlanBuilder.ts";
import type { RowReader } from "./importRows.ts";

/** One contact row of an import: a name (whole or in parts), its account, a match by record id or e-mail. */
export function planContactRow(b: PlanBuilder, reader: RowReader, line: number, recordId: RecordIdMatch) {
  const { columns, existing, orgId, at } = b.ctx;
  const { externalId, match: byRecordId } = recordId;
  const accountsBefore = b.plan.accounts.length;
  const full = reader.text("name", 160);
  const name = full || [reader.text("firstName", 80), reader.text("lastName", 80)].filter(Boolean).join(" ");
  if (!name) reader.fail(columns.name ? "name" : "lastName", "required");
  const values = {
    name,
    role: reader.text("role", 120),
    email: reader.email("email"),
    phone: reader.text("phone", 60),
    ...(externalId ? { externalId } : {}),
  };
  const account = b.resolveAccount(reader);
  if (reader.errors.length || !account) {
    b.rejectRow(reader, line, accountsBefore);
    return;
  }
  const existingId = values.email ? existing.emails.get(values.email) : undefined;
  const match: Match | undefined =
    byRecordId ?? (existingId ? { id: existingId, by: "email", value: values.email } : undefined);
  b.apply<NewContact>(
    line,
    match,
    { ...values, accountId: account.id },
    () => ({
      id: randomUUID(),
      orgId,
      accountId: account.id,
      ...values,
      externalId,
      createdAt: at,
      updatedAt: at,
    }),
    b.plan.contacts,
  );
}
