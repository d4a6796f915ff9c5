import type { Kysely } from "kysely";

/**
 * The system module: the obstacle board extends the `obstacle` table the exchange harvest created
 * (status, raising cell, taking up, the end and its decision, lead time), "affects us too" per cell,
 * the service catalogue of centre cells and the requests periphery cells pull, the framework
 * conditions register and the consent proposals that change a condition.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");

  // SQLite adds a column with a constant default only; existing (harvested) obstacles are open.
  const obstacleColumns: [string, "text" | "integer" | "real", (c: any) => any][] = [
    ["place", "text", (c) => c.notNull().defaultTo("")],
    ["example", "text", (c) => c.notNull().defaultTo("")],
    ["cellId", "text", (c) => c.references("cell.id").onDelete("set null")],
    ["raisedById", "text", (c) => c.references("person.id").onDelete("set null")],
    ["status", "text", (c) => c.notNull().defaultTo("raised")],
    ["takenUpById", "text", (c) => c.references("person.id").onDelete("set null")],
    ["takenUpAt", "text", (c) => c],
    ["endedAt", "text", (c) => c],
    ["outcome", "text", (c) => c.notNull().defaultTo("")],
    ["decisionId", "text", (c) => c.references("proposal.id").onDelete("set null")],
    ["leadDays", "real", (c) => c],
    ["updatedAt", "text", (c) => c.notNull().defaultTo("")],
    ["version", "integer", (c) => c.notNull().defaultTo(1)],
  ];
  for (const [name, type, build] of obstacleColumns)
    await db.schema.alterTable("obstacle").addColumn(name, type, build).execute();
  await db.schema
    .createIndex("obstacle_org_status_created")
    .on("obstacle")
    .columns(["orgId", "status", "createdAt", "id"])
    .execute();
  await db.schema.createIndex("obstacle_org_ended").on("obstacle").columns(["orgId", "endedAt"]).execute();
  await db.schema
    .createIndex("obstacle_org_cell_created")
    .on("obstacle")
    .columns(["orgId", "cellId", "createdAt"])
    .execute();

  await db.schema
    .createTable("obstacleAffect")
    .addColumn("orgId", "text", org)
    .addColumn("obstacleId", "text", (c) => c.notNull().references("obstacle.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("obstacleAffect_pk", ["obstacleId", "cellId"])
    .execute();
  await db.schema
    .createIndex("obstacleAffect_cell")
    .on("obstacleAffect")
    .columns(["orgId", "cellId"])
    .execute();

  await db.schema
    .createTable("service")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("howToAsk", "text", (c) => c.notNull())
    .addColumn("typicalLeadDays", "integer", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_org_cell")
    .on("service")
    .columns(["orgId", "cellId", "name"])
    .execute();

  await db.schema
    .createTable("serviceRequest")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("serviceId", "text", (c) => c.notNull().references("service.id").onDelete("cascade"))
    .addColumn("servingCellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("requestingCellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("requestedById", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("acceptedAt", "text")
    .addColumn("deliveredAt", "text")
    .addColumn("declinedAt", "text")
    .addColumn("deliveryNote", "text", (c) => c.notNull())
    .addColumn("declineReason", "text", (c) => c.notNull())
    .addColumn("leadDays", "real")
    .addColumn("rating", "integer")
    .addColumn("ratingComment", "text", (c) => c.notNull())
    .addColumn("ratedById", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("ratedAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("serviceRequest_org_created")
    .on("serviceRequest")
    .columns(["orgId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("serviceRequest_service_created")
    .on("serviceRequest")
    .columns(["orgId", "serviceId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("serviceRequest_requesting_created")
    .on("serviceRequest")
    .columns(["orgId", "requestingCellId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("serviceRequest_serving_created")
    .on("serviceRequest")
    .columns(["orgId", "servingCellId", "createdAt", "id"])
    .execute();

  await db.schema
    .createTable("frameworkCondition")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("why", "text", (c) => c.notNull())
    .addColumn("since", "text", (c) => c.notNull())
    .addColumn("setByProposalId", "text", (c) => c.references("proposal.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("frameworkCondition_org_title")
    .on("frameworkCondition")
    .columns(["orgId", "title"])
    .execute();

  await db.schema
    .createTable("conditionProposal")
    .addColumn("proposalId", "text", (c) => c.primaryKey().references("proposal.id").onDelete("cascade"))
    .addColumn("orgId", "text", org)
    .addColumn("conditionId", "text", (c) => c.references("frameworkCondition.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("conditionProposal_condition")
    .on("conditionProposal")
    .columns(["orgId", "conditionId"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "conditionProposal",
    "frameworkCondition",
    "serviceRequest",
    "service",
    "obstacleAffect",
  ])
    await db.schema.dropTable(table).execute();
  for (const index of ["obstacle_org_status_created", "obstacle_org_ended", "obstacle_org_cell_created"])
    await db.schema.dropIndex(index).execute();
  for (const column of [
    "version",
    "updatedAt",
    "leadDays",
    "decisionId",
    "outcome",
    "endedAt",
    "takenUpAt",
    "takenUpById",
    "status",
    "raisedById",
    "cellId",
    "example",
    "place",
  ])
    await db.schema.alterTable("obstacle").dropColumn(column).execute();
}
