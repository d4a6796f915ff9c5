import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type {
  ImportDryRun as DryRun,
  DuplicateChoice,
  ImportEntity,
  ImportInput,
  ImportPreview,
  ImportRowError,
  ImportValues,
} from "../../../shared/customers/import.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { useSession } from "../../ui/session.tsx";
import { useAllCells } from "../org/queries.ts";
import { CustomersNav } from "./BoardPage.tsx";
import { ImportDryRun, RowErrors } from "./ImportDryRun.tsx";
import { type ColumnMapping, ImportMapping, mappingOf } from "./ImportMapping.tsx";
import { ImportProgress } from "./ImportProgress.tsx";
import { choicesOf, ImportValueMapping, type ValueChoices } from "./ImportValueMapping.tsx";
import { useStages } from "./queries.ts";

const ENTITIES: ImportEntity[] = ["accounts", "contacts", "deals"];

/** A refused import lists its rows as `rows.<row>.<column>` fields (the server's VALIDATION shape). */
function rowErrorsOf(error: unknown): ImportRowError[] {
  return Object.entries(fieldErrors(error)).flatMap(([key, reason]) => {
    const match = /^rows\.(\d+)\.(.*)$/.exec(key);
    return match ? [{ row: Number(match[1]), column: match[2], reason }] : [];
  });
}

/**
 * CSV import of accounts, contacts or deals from a Salesforce, HubSpot or Pipedrive export: choose
 * the file, check the mapping the server suggests, dry-run (nothing is written, every broken row is
 * listed), then import with a progress bar. The server writes all or nothing.
 */
export function ImportPage() {
  const { t } = useTranslation("customers");
  const { person } = useSession();
  const cells = useAllCells();
  const [entity, setEntity] = useState<ImportEntity>("deals");
  const [csv, setCsv] = useState("");
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [chosenCellId, setCellId] = useState<string | null>(null);
  const [createAccounts, setCreateAccounts] = useState(true);
  const [duplicates, setDuplicates] = useState<DuplicateChoice>("skip");
  // Each chosen file gets a number: the value list is cached per file and mapped column.
  const [fileNumber, setFileNumber] = useState(0);
  const [stageChoices, setStageChoices] = useState<ValueChoices>({});
  const [statusChoices, setStatusChoices] = useState<ValueChoices>({});
  const stages = useStages();
  // The running job lives in the URL, so a reload keeps watching it instead of losing it.
  const [params, setParams] = useSearchParams();
  const jobId = params.get("job");

  // The person's own cell first, otherwise the first periphery cell, as on the board.
  const all = cells.data ?? [];
  const cellId =
    chosenCellId ??
    (all.find((c) => person.cellIds.includes(c.id)) ?? all.find((c) => c.kind === "periphery") ?? all[0])
      ?.id ??
    "";

  const preview = useMutation({
    mutationFn: (body: { entity: ImportEntity; csv: string }) =>
      api.post<ImportPreview>("/import/preview", body),
    onSuccess: (data) => setMapping(mappingOf(data)),
  });
  const dryRun = useMutation({
    mutationFn: (input: ImportInput) => api.post<DryRun>("/import/dry-run", input),
  });
  const start = useMutation({
    mutationFn: (input: ImportInput) => api.post<{ jobId: string }>("/import", input),
    onSuccess: (data) => setParams({ job: data.jobId }),
  });

  // The value-mapping step lists the values of whichever columns are mapped to stage and status.
  const columnOf = (field: string) =>
    Object.keys(mapping).find((header) => mapping[header] === field) ?? null;
  const stageColumn = entity === "deals" ? columnOf("stage") : null;
  const statusColumn = entity === "deals" ? columnOf("status") : null;
  const values = useQuery({
    queryKey: ["import-values", fileNumber, stageColumn, statusColumn],
    queryFn: () => api.post<ImportValues>("/import/values", { entity, csv, mapping }),
    enabled: Boolean(csv && preview.data && !preview.isPending && (stageColumn || statusColumn)),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (!values.data) return;
    setStageChoices((previous) => choicesOf(values.data.stage, previous));
    setStatusChoices((previous) => choicesOf(values.data.status, previous));
  }, [values.data]);
  const valueStep = (stageColumn || statusColumn) && values.data ? values.data : undefined;

  const input = (choice = duplicates): ImportInput => ({
    entity,
    csv,
    mapping,
    cellId,
    duplicates: choice,
    createAccounts: entity !== "accounts" && createAccounts,
    // A stage value left unchosen is left out: the dry run names its rows.
    stageValues: valueStep
      ? Object.fromEntries(Object.entries(stageChoices).filter(([, stageId]) => stageId))
      : {},
    statusValues: valueStep ? statusChoices : {},
  });
  /** Any change to what would be imported makes an earlier dry run stale. */
  const changed = () => {
    dryRun.reset();
    start.reset();
  };
  const chooseFile = async (next: File | null) => {
    changed();
    preview.reset();
    const text = next ? await next.text() : "";
    setCsv(text);
    setFileNumber((n) => n + 1);
    setStageChoices({});
    setStatusChoices({});
    if (text) preview.mutate({ entity, csv: text });
  };
  const chooseEntity = (next: ImportEntity) => {
    setEntity(next);
    changed();
    if (csv) preview.mutate({ entity: next, csv });
  };
  const startOver = () => {
    setParams({});
    setCsv("");
    preview.reset();
    changed();
  };

  if (jobId)
    return (
      <Stack gap="md">
        <CustomersNav />
        <Title order={1}>{t("customers:import.title")}</Title>
        <ImportProgress jobId={jobId} />
        <Button variant="light" w="fit-content" onClick={startOver}>
          {t("customers:import.another")}
        </Button>
      </Stack>
    );

  const ready = preview.data !== undefined && !preview.isPending && cellId !== "";
  const refused = rowErrorsOf(start.error);
  return (
    <Stack gap="md">
      <CustomersNav />
      <Title order={1}>{t("customers:import.title")}</Title>
      <Text>{t("customers:import.intro")}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={760}>
        <NativeSelect
          label={t("customers:import.entity")}
          value={entity}
          onChange={(e) => chooseEntity(e.currentTarget.value as ImportEntity)}
          data={ENTITIES.map((e) => ({ value: e, label: t(`customers:import.entities.${e}`) }))}
        />
        {/* A native file input: keyboard reachable, named by its label, read by every screen reader. */}
        <Input.Wrapper
          id="import-file"
          label={t("customers:import.file")}
          description={t("customers:import.fileHint")}
        >
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-file-description"
            style={{ display: "block", font: "inherit", marginTop: 4, maxWidth: "100%" }}
            onChange={(e) => chooseFile(e.currentTarget.files?.[0] ?? null)}
          />
        </Input.Wrapper>
        <NativeSelect
          label={t("customers:import.cell")}
          description={t("customers:import.cellHint")}
          value={cellId}
          onChange={(e) => {
            setCellId(e.currentTarget.value);
            changed();
          }}
          data={all.map((c) => ({ value: c.id, label: c.name }))}
        />
        {entity !== "accounts" && (
          <Checkbox
            mt={{ sm: "xl" }}
            label={t("customers:import.createAccounts")}
            checked={createAccounts}
            onChange={(e) => {
              setCreateAccounts(e.currentTarget.checked);
              changed();
            }}
          />
        )}
      </SimpleGrid>
      {preview.isPending && <Loader aria-label={t("customers:import.reading")} />}
      {preview.isError && <Alert color="red">{preview.error.message}</Alert>}
      {preview.data && !preview.isPending && (
        <Stack gap="sm">
          <Title order={2}>{t("customers:import.mapping.title")}</Title>
          <Text>
            {t(`customers:import.sources.${preview.data.source}`)}{" "}
            {t("customers:import.rows", {
              count: preview.data.totalRows,
              formatted: formatNumber(preview.data.totalRows),
            })}
          </Text>
          <ImportMapping
            preview={preview.data}
            mapping={mapping}
            onChange={(next) => {
              setMapping(next);
              changed();
            }}
          />
        </Stack>
      )}
      {values.isError && <Alert color="red">{values.error.message}</Alert>}
      {valueStep && preview.data && !preview.isPending && (
        <ImportValueMapping
          values={valueStep}
          stages={stages.data ?? []}
          stageChoices={stageChoices}
          statusChoices={statusChoices}
          onStageChoices={(next) => {
            setStageChoices(next);
            changed();
          }}
          onStatusChoices={(next) => {
            setStatusChoices(next);
            changed();
          }}
        />
      )}
      {ready && (
        <Group gap="sm">
          <Button variant="light" loading={dryRun.isPending} onClick={() => dryRun.mutate(input())}>
            {t("customers:import.dryRun.run")}
          </Button>
          <Text size="sm" c="dimmed">
            {t("customers:import.dryRun.nothingWritten")}
          </Text>
        </Group>
      )}
      {dryRun.isError && <Alert color="red">{dryRun.error.message}</Alert>}
      {dryRun.data && (
        <ImportDryRun
          entity={entity}
          result={dryRun.data}
          choice={duplicates}
          onChoice={(choice) => {
            setDuplicates(choice);
            start.reset();
            dryRun.mutate(input(choice));
          }}
        />
      )}
      {dryRun.data && dryRun.data.errorCount === 0 && (
        <Button
          w="fit-content"
          loading={start.isPending}
          disabled={dryRun.isPending}
          onClick={() => start.mutate(input())}
        >
          {t("customers:import.start", {
            count: dryRun.data.counts.totalRows,
            formatted: formatNumber(dryRun.data.counts.totalRows),
          })}
        </Button>
      )}
      {start.isError && (
        <>
          <Alert color="red">{start.error.message}</Alert>
          {refused.length > 0 && <RowErrors errors={refused} total={refused.length} />}
        </>
      )}
    </Stack>
  );
}
