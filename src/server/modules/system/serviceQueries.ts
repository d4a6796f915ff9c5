/**
 * Reads of the catalogue: services with their figures and requests. A service's lead time covers its
 * delivered requests and counts their distinct requesters as the people behind it; its rating
 * covers the rated requests and counts the distinct people who rated. Fewer than k → "too few to
 * show" (PRODUCT.md rule 2).
 */
import type { Page } from "../../../shared/common.ts";
import type {
  RequestListQuery,
  RequestStatus,
  Service,
  ServiceFigures,
  ServiceRequest,
} from "../../../shared/system.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { catalogueFigures } from "./catalogueFigures.ts";
import { leadTimeFigure, ratingFigure } from "./figures.ts";
import { minGroupSizeOf, namesOf } from "./names.ts";
import { type Caller, callerOf, isMemberOf, peripheryCellIds, requestAbilities } from "./policy.ts";
import { isCovered, type ServiceScope, serviceScope } from "./serviceScope.ts";
import { requestRow, serviceRow } from "./services.ts";
import type { ServiceRequestTable, ServiceTable } from "./tables.ts";

async function figuresOf(
  db: Tx,
  orgId: string,
  serviceIds: string[],
  scope: ServiceScope,
): Promise<Map<string, ServiceFigures>> {
  const k = await minGroupSizeOf(db, orgId);
  const rows = serviceIds.length
    ? await selectInOrg(db, "serviceRequest", orgId)
        .select([
          "serviceId",
          "servingCellId",
          "deliveredAt",
          "status",
          "leadDays",
          "requestedById",
          "rating",
          "ratedById",
        ])
        .where("serviceId", "in", serviceIds)
        .execute()
    : [];
  const byService = new Map<string, typeof rows>(serviceIds.map((id) => [id, []]));
  for (const row of rows) byService.get(row.serviceId)?.push(row);
  const result = new Map<string, ServiceFigures>();
  for (const id of serviceIds) {
    const mine = byService.get(id) ?? [];
    const delivered = mine.filter(
      (r) =>
        r.status === "delivered" &&
        r.leadDays !== null &&
        isCovered(scope, "lead", r.servingCellId, r.deliveredAt),
    );
    const rated = mine.filter(
      (r) => r.rating !== null && isCovered(scope, "rating", r.servingCellId, r.deliveredAt),
    );
    result.set(id, {
      leadTime: leadTimeFigure(
        delivered.map((r) => ({ days: Number(r.leadDays), personId: r.requestedById })),
        k,
      ),
      rating: ratingFigure(
        rated.map((r) => ({ rating: Number(r.rating), personId: r.ratedById })),
        k,
      ),
      open: mine.filter((r) => r.status === "requested" || r.status === "accepted").length,
    });
  }
  return result;
}

async function toServices(
  db: Tx,
  auth: AuthContext,
  rows: ServiceTable[],
  now: Date,
  catalogue = false,
): Promise<Service[]> {
  const scope = await serviceScope(db, auth.orgId, now);
  const [cells, figures, caller] = await Promise.all([
    namesOf(
      db,
      auth.orgId,
      "cell",
      rows.map((r) => r.cellId),
    ),
    catalogue
      ? minGroupSizeOf(db, auth.orgId).then((k) => catalogueFigures(db, auth.orgId, k, scope))
      : figuresOf(
          db,
          auth.orgId,
          rows.map((r) => r.id),
          scope,
        ),
    callerOf(db, auth),
  ]);
  return rows.map((r) => ({
    id: r.id,
    cell: cells(r.cellId) ?? { id: r.cellId, name: "" },
    name: r.name,
    description: r.description,
    howToAsk: r.howToAsk,
    typicalLeadDays: r.typicalLeadDays,
    figures: figures.get(r.id) ?? {
      leadTime: { tooFewToShow: true },
      rating: { tooFewToShow: true },
      open: 0,
    },
    abilities: { edit: isMemberOf(caller, r.cellId), requestCellIds: peripheryCellIds(caller) },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

export async function getService(db: Tx, auth: AuthContext, serviceId: string, now: Date): Promise<Service> {
  const [service] = await toServices(db, auth, [await serviceRow(db, auth.orgId, serviceId)], now);
  return service;
}

/**
 * The catalogue is small (a few services per centre cell): one list, by cell and name. Its figures
 * are aggregated in the database and carry no histogram; a single service's read carries it.
 */
export async function listServices(db: Tx, auth: AuthContext, query: { cellId?: string }, now: Date) {
  let q = selectInOrg(db, "service", auth.orgId).selectAll("service");
  if (query.cellId) q = q.where("service.cellId", "=", query.cellId);
  const rows = await q
    .innerJoin("cell", "cell.id", "service.cellId")
    .orderBy("cell.name")
    .orderBy("service.name")
    .limit(500)
    .execute();
  return {
    items: await toServices(db, auth, rows, now, true),
    minGroupSize: await minGroupSizeOf(db, auth.orgId),
  };
}

async function toRequests(db: Tx, auth: AuthContext, rows: ServiceRequestTable[]): Promise<ServiceRequest[]> {
  const [people, cells, services, caller] = await Promise.all([
    namesOf(
      db,
      auth.orgId,
      "person",
      rows.map((r) => r.requestedById),
    ),
    namesOf(
      db,
      auth.orgId,
      "cell",
      rows.flatMap((r) => [r.servingCellId, r.requestingCellId]),
    ),
    rows.length
      ? selectInOrg(db, "service", auth.orgId)
          .select(["id", "name"])
          .where("id", "in", [...new Set(rows.map((r) => r.serviceId))])
          .execute()
      : [],
    callerOf(db, auth),
  ]);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  return rows.map((r) => toRequest(r, caller, { people, cells, serviceName }));
}

function toRequest(
  r: ServiceRequestTable,
  caller: Caller,
  names: {
    people: (id: string | null) => { id: string; name: string } | null;
    cells: (id: string | null) => { id: string; name: string } | null;
    serviceName: Map<string, string>;
  },
): ServiceRequest {
  const serving = isMemberOf(caller, r.servingCellId);
  // A request's rating is feedback between the requesting and the serving cell (issue 13); everyone
  // else reads ratings only as the service's k-suppressed figure.
  const seesRating = serving || isMemberOf(caller, r.requestingCellId);
  return {
    id: r.id,
    service: { id: r.serviceId, name: names.serviceName.get(r.serviceId) ?? "" },
    servingCell: names.cells(r.servingCellId) ?? { id: r.servingCellId, name: "" },
    requestingCell: names.cells(r.requestingCellId) ?? { id: r.requestingCellId, name: "" },
    requestedBy: names.people(r.requestedById),
    title: r.title,
    body: r.body,
    status: r.status as RequestStatus,
    acceptedAt: r.acceptedAt,
    deliveredAt: r.deliveredAt,
    declinedAt: r.declinedAt,
    deliveryNote: r.deliveryNote,
    declineReason: r.declineReason,
    leadDays: r.leadDays === null ? null : Number(r.leadDays),
    rating: r.rating === null || !seesRating ? null : Number(r.rating),
    ratingComment: seesRating ? r.ratingComment : "",
    ratedAt: seesRating ? r.ratedAt : null,
    abilities: requestAbilities(caller, r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export async function getRequest(db: Tx, auth: AuthContext, requestId: string): Promise<ServiceRequest> {
  const [request] = await toRequests(db, auth, [await requestRow(db, auth.orgId, requestId)]);
  return request;
}

export async function listRequests(
  db: Tx,
  auth: AuthContext,
  query: RequestListQuery,
): Promise<Page<ServiceRequest>> {
  let q = selectInOrg(db, "serviceRequest", auth.orgId).selectAll("serviceRequest");
  if (query.serviceId) q = q.where("serviceRequest.serviceId", "=", query.serviceId);
  if (query.status) q = q.where("serviceRequest.status", "=", query.status);
  if (query.cellId) {
    const cellId = query.cellId;
    q = q.where((eb) =>
      eb.or([
        eb("serviceRequest.requestingCellId", "=", cellId),
        eb("serviceRequest.servingCellId", "=", cellId),
      ]),
    );
  }
  const rows = await keysetQuery(q, query, {
    key: "serviceRequest.createdAt",
    id: "serviceRequest.id",
    dir: "desc",
  }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  return { items: await toRequests(db, auth, page.items), nextCursor: page.nextCursor };
}

/**
 * Requests per (periphery → centre) cell pair since `days` ago, for the cell map. A count of a cell's
 * requests is still made by people, and a centre cell's count is its members' workload: it is shown only
 * when at least k distinct people asked and both cells have at least k members (PRODUCT.md rule 2, issue
 * 13) — else the line is drawn without a number (`requests: null`, "too few to show"). No total across
 * pairs is published, so no complementary suppression is needed.
 */
export async function requestFlows(db: Tx, orgId: string, days: number, now: Date) {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const k = await minGroupSizeOf(db, orgId);
  const rows = await selectInOrg(db, "serviceRequest", orgId)
    .select((eb) => [
      "requestingCellId",
      "servingCellId",
      eb.fn.countAll<string | number>().as("n"),
      eb.fn.count<string | number>("requestedById").distinct().as("people"),
    ])
    .where("createdAt", ">=", since)
    .groupBy(["requestingCellId", "servingCellId"])
    .execute();
  const sizes = await selectInOrg(db, "cellMember", orgId)
    .select((eb) => ["cellId", eb.fn.countAll<string | number>().as("n")])
    .groupBy("cellId")
    .execute();
  const isBigEnough = (cellId: string) => Number(sizes.find((c) => c.cellId === cellId)?.n ?? 0) >= k;
  const shows = (r: (typeof rows)[number]) =>
    Number(r.people) >= k && isBigEnough(r.requestingCellId) && isBigEnough(r.servingCellId);
  return {
    days,
    since,
    minGroupSize: k,
    flows: rows
      .map((r) => ({
        fromCellId: r.requestingCellId,
        toCellId: r.servingCellId,
        requests: shows(r) ? Number(r.n) : null,
      }))
      .sort((a, b) => a.fromCellId.localeCompare(b.fromCellId) || a.toCellId.localeCompare(b.toCellId)),
  };
}
