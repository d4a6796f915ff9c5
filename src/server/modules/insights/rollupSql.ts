/**
 * The SQL that keeps the insights rollup (`insightRollup`) — one definition used three ways: inside the
 * database triggers (row form: one deal's contribution added or removed), when a pipeline stage changes
 * its outcome (set form over the stage's deals), and by `rebuild-rollups` (set form over an
 * organisation). Because the triggers and the rebuild share these expressions, and the rollup test
 * compares both after random write sequences, a drift between them shows up in a test.
 *
 * Rollup row: (orgId, cellId, grain, period, figure, currency, bucket) → count, total.
 *   cellId   the cell, or "*" for the whole organisation (written alongside, so the organisation's page
 *            reads as few rows as a cell's);
 *   grain    "w" (ISO weeks, Monday) or "m" (calendar months); period = first day, YYYY-MM-DD (UTC);
 *   figure   created | won | lost | cycle | offerLead | discount | satisfaction | requestLead |
 *            requestRating | adviceLead | obstacleLead;
 *   currency the deal's currency for created/won (money is never converted), "" otherwise;
 *   bucket   durations: a histogram bucket of whole days (see {@link BUCKETS}); scores: the score;
 *            0 otherwise;
 *   count    how many events; total: money in minor units, durations in hours, discount in basis
 *            points, scores as given — so means are total / count.
 *
 * Medians come from the duration histogram: exact to the day up to 30 days, then buckets of 5 days (to
 * 90), 15 days (to 365) and 30 days (to 730, the last bucket holds everything longer). A period's
 * median is interpolated inside its bucket — exact where buckets are one day wide, within half a
 * bucket otherwise. This keeps a cell-month to a few dozen rows whatever the number of deals.
 */

export type Dialect = "sqlite" | "postgres";

/** Width of the bucket starting at `lower` (the last one is open-ended; 30 is used for interpolation). */
export const bucketWidth = (lower: number) => (lower < 31 ? 1 : lower < 91 ? 5 : lower < 366 ? 15 : 30);

export function dialectSql(dialect: Dialect) {
  const pg = dialect === "postgres";
  const floor = (x: string) => (pg ? `floor(${x})::bigint` : `cast(${x} as integer)`);
  const roundInt = (x: string) => (pg ? `round(${x})::bigint` : `cast(round(${x}) as integer)`);
  return {
    pg,
    floor,
    roundInt,
    week: (x: string) =>
      pg
        ? `to_char(date_trunc('week', substr(${x}, 1, 10)::date), 'YYYY-MM-DD')`
        : `date(substr(${x}, 1, 10), '-' || ((cast(strftime('%w', substr(${x}, 1, 10)) as integer) + 6) % 7) || ' days')`,
    month: (x: string) => `substr(${x}, 1, 7) || '-01'`,
    /** Days from instant a to instant b (ISO text), as a decimal. */
    days: (a: string, b: string) =>
      pg
        ? `(extract(epoch from ((${b})::timestamptz - (${a})::timestamptz)) / 86400.0)`
        : `(julianday(${b}) - julianday(${a}))`,
    bucket: (d: string) =>
      `(case when ${d} is null or ${d} <= 0 then 0 when ${d} < 31 then ${floor(d)}
        when ${d} < 91 then 31 + 5 * ${floor(`(${d} - 31) / 5`)}
        when ${d} < 366 then 91 + 15 * ${floor(`(${d} - 91) / 15`)}
        when ${d} >= 726 then 726 else 366 + 30 * ${floor(`(${d} - 366) / 30`)} end)`,
    hours: (d: string) => `(case when ${d} is null or ${d} <= 0 then 0 else ${roundInt(`${d} * 24`)} end)`,
    real: (x: string) => (pg ? `(${x})::double precision` : `cast(${x} as real)`),
  };
}

/** One kind of contribution a source row makes. Expressions use `$.` for the source row's columns. */
type Entry = {
  figure: string;
  /** ISO instant or date whose period the event counts in. */
  at: string;
  when: string;
  currency: string;
  bucket: string;
  total: string;
};

type Source = {
  entries: (d: ReturnType<typeof dialectSql>) => Entry[];
  /** Cell targets: the row's cell column (null: organisation only). */
  cell: string | null;
};

const factOf = (column: string) => `(select "${column}" from "insightDealOffer" where "dealId" = $."id")`;

/**
 * Deal contributions. `$outcome` is the deal's stage outcome — a lookup in row form, a literal when a
 * stage's outcome changes.
 */
export const DEAL: Source = {
  cell: `$."cellId"`,
  entries: (d) => {
    const won = `$outcome = 'won' and $."closedAt" is not null`;
    const cycle = d.days(`$."createdAt"`, `$."closedAt"`);
    const sent = factOf("firstSentAt");
    const lead = d.days(`$."createdAt"`, sent);
    return [
      {
        figure: "created",
        at: `$."createdAt"`,
        when: "1 = 1",
        currency: `$."currency"`,
        bucket: "0",
        total: `$."amount"`,
      },
      {
        figure: "won",
        at: `$."closedAt"`,
        when: won,
        currency: `$."currency"`,
        bucket: "0",
        total: `$."amount"`,
      },
      {
        figure: "lost",
        at: `$."closedAt"`,
        when: `$outcome = 'lost' and $."closedAt" is not null`,
        currency: "''",
        bucket: "0",
        total: "0",
      },
      {
        figure: "cycle",
        at: `$."closedAt"`,
        when: won,
        currency: "''",
        bucket: d.bucket(cycle),
        total: d.hours(cycle),
      },
      {
        figure: "offerLead",
        at: sent,
        when: `${sent} is not null`,
        currency: "''",
        bucket: d.bucket(lead),
        total: d.hours(lead),
      },
      {
        figure: "discount",
        at: sent,
        when: `${sent} is not null and ${factOf("discountBps")} is not null`,
        currency: "''",
        bucket: "0",
        total: factOf("discountBps"),
      },
    ];
  },
};

export const SATISFACTION: Source = {
  cell: `$."cellId"`,
  entries: () => [
    {
      figure: "satisfaction",
      at: `$."surveyedOn"`,
      when: "1 = 1",
      currency: "''",
      bucket: `$."score"`,
      total: `$."score"`,
    },
  ],
};

export const SERVICE_REQUEST: Source = {
  cell: `$."servingCellId"`,
  entries: (d) => [
    {
      figure: "requestLead",
      at: `$."deliveredAt"`,
      when: `$."deliveredAt" is not null and $."leadDays" is not null`,
      currency: "''",
      bucket: d.bucket(`$."leadDays"`),
      total: d.hours(`$."leadDays"`),
    },
    {
      figure: "requestRating",
      at: `$."deliveredAt"`,
      when: `$."deliveredAt" is not null and $."rating" is not null`,
      currency: "''",
      bucket: `$."rating"`,
      total: `$."rating"`,
    },
  ],
};

export const OBSTACLE: Source = {
  cell: null,
  entries: (d) => [
    {
      figure: "obstacleLead",
      at: `$."endedAt"`,
      when: `$."endedAt" is not null and $."leadDays" is not null`,
      currency: "''",
      bucket: d.bucket(`$."leadDays"`),
      total: d.hours(`$."leadDays"`),
    },
  ],
};

export const PROPOSAL: Source = {
  cell: null,
  entries: (d) => {
    const lead = d.days(`$."createdAt"`, `$."decidedAt"`);
    return [
      {
        figure: "adviceLead",
        at: `$."decidedAt"`,
        when: `$."kind" = 'advice' and $."decidedAt" is not null`,
        currency: "''",
        bucket: d.bucket(lead),
        total: d.hours(lead),
      },
    ];
  },
};

const KEY = `"orgId", "cellId", "grain", "period", "figure", "currency", "bucket"`;
const UPSERT = `on conflict (${KEY}) do update set "count" = "insightRollup"."count" + excluded."count",
  "total" = "insightRollup"."total" + excluded."total"`;

function targets(source: Source): string[] {
  return source.cell ? [source.cell, `'*'`] : [`'*'`];
}

const substitute = (expr: string, row: string, outcome: string) =>
  expr.replaceAll("$outcome", outcome).replaceAll("$.", `${row}.`);

/**
 * Row form: one statement adding (sign 1) or removing (sign −1) one row's contributions, for a trigger
 * body (`row` = NEW / OLD) or for one deal selected by id (`row` = d, with `from`). Every figure, cell
 * target and grain is one branch of a UNION ALL, so a trigger runs one upsert per row instead of one per
 * branch (PostgreSQL runs each statement of a plpgsql body separately: 24 upserts per deal made bulk
 * inserts ten times slower). The branches never share a key (figure, cell, grain differ), which one
 * `on conflict do update` requires. `figures` limits the contributions to those figures.
 */
export function rowStatements(
  dialect: Dialect,
  source: Source,
  row: string,
  sign: 1 | -1,
  options: { outcome?: string; from?: string; filter?: string; figures?: string[] } = {},
): string[] {
  const d = dialectSql(dialect);
  const outcome = options.outcome ?? `(select "outcome" from "pipelineStage" where "id" = ${row}."stageId")`;
  const branches: string[] = [];
  for (const entry of source.entries(d)) {
    if (options.figures && !options.figures.includes(entry.figure)) continue;
    const s = (expr: string) => substitute(expr, row, outcome);
    for (const cell of targets(source)) {
      for (const [grain, period] of [
        ["w", d.week(s(entry.at))],
        ["m", d.month(s(entry.at))],
      ] as const) {
        branches.push(
          `select ${s(`$."orgId"`)} as "orgId", ${s(cell)} as "cellId", '${grain}' as "grain", ${period} as "period",
             '${entry.figure}' as "figure", ${s(entry.currency)} as "currency", ${s(entry.bucket)} as "bucket",
             ${s(entry.total)} as "total"
           ${options.from ?? ""} where ${options.filter ? `${options.filter} and ` : ""}${s(entry.when)}`,
        );
      }
    }
  }
  return [
    `insert into "insightRollup" (${KEY}, "count", "total")
     select k."orgId", k."cellId", k."grain", k."period", k."figure", k."currency", k."bucket", ${sign}, ${sign} * k."total"
     from (${branches.join("\n     union all ")}) k
     where true ${UPSERT}`,
  ];
}

/**
 * Set form: every contribution of the rows `from … where filter` selects (aliased `r`), grouped, added
 * with `sign`.
 * `outcome` overrides the deal's stage outcome (a stage whose outcome changed).
 */
export function setStatements(
  dialect: Dialect,
  source: Source,
  from: string,
  filter: string,
  sign: 1 | -1 = 1,
  outcome?: string,
): string[] {
  const d = dialectSql(dialect);
  const out: string[] = [];
  const stageOutcome = outcome ?? `(select "outcome" from "pipelineStage" where "id" = r."stageId")`;
  for (const entry of source.entries(d)) {
    const s = (expr: string) => substitute(expr, "r", stageOutcome);
    for (const cell of targets(source)) {
      for (const [grain, period] of [
        ["w", d.week(s(entry.at))],
        ["m", d.month(s(entry.at))],
      ] as const) {
        out.push(
          `insert into "insightRollup" (${KEY}, "count", "total")
           select k."orgId", k."cellId", '${grain}', k."period", '${entry.figure}', k."currency", k."bucket",
             ${sign} * count(*), ${sign} * sum(k."total")
           from (select ${s(`$."orgId"`)} as "orgId", ${s(cell)} as "cellId", ${period} as "period",
                   ${s(entry.currency)} as "currency", ${s(entry.bucket)} as "bucket", ${s(entry.total)} as "total"
                 ${from} where ${filter} and ${s(entry.when)}) k
           where true
           group by k."orgId", k."cellId", k."period", k."currency", k."bucket"
           ${UPSERT}`,
        );
      }
    }
  }
  return out;
}

/** Offer facts of the deals `from "deal" d where filter` selects: first offer sent, value-weighted discount. */
export function dealOfferFacts(dialect: Dialect, filter: string): string {
  const d = dialectSql(dialect);
  const weight = `${d.real(`l."quantityMilli"`)} * l."unitPrice"`;
  return `insert into "insightDealOffer" ("dealId", "orgId", "firstSentAt", "discountBps")
     select d."id", d."orgId",
       (select min(o."sentAt") from "offer" o where o."dealId" = d."id" and o."sentAt" is not null),
       (select ${d.roundInt(`sum(${weight} * l."discountBps") / nullif(sum(${weight}), 0)`)}
          from "offerLine" l join "offer" o on o."id" = l."offerId"
          where o."dealId" = d."id" and o."sentAt" is not null)
     from "deal" d where ${filter}
     on conflict ("dealId") do update set "firstSentAt" = excluded."firstSentAt", "discountBps" = excluded."discountBps"`;
}

/** Recomputes one deal's offer facts and moves its offerLead/discount contributions accordingly. */
export function refreshDealOffer(dialect: Dialect, dealId: string): string[] {
  const from = `from "deal" d`;
  const filter = `d."id" = ${dealId}`;
  return [
    ...rowStatements(dialect, DEAL, "d", -1, { from, filter, figures: OFFER_FIGURES }),
    dealOfferFacts(dialect, filter),
    ...rowStatements(dialect, DEAL, "d", 1, { from, filter, figures: OFFER_FIGURES }),
  ];
}

/** The deal figures that come from its offers' facts. */
const OFFER_FIGURES = ["offerLead", "discount"];
