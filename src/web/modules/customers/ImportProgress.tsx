import { Alert, Anchor, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ImportCounts, ImportJob } from "../../../shared/customers/import.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../ui/format.ts";
import { customerKeys } from "./queries.ts";

/** How often a running job is asked for its progress. */
const POLL_MS = 500;
const COUNTS: (keyof ImportCounts)[] = [
  "totalRows",
  "created",
  "updated",
  "unchanged",
  "skipped",
  "accountsCreated",
];

/**
 * A started import: the job's progress until it is done or failed, then what it wrote. The server
 * writes all or nothing, so a failed job has written nothing and the person may simply try again.
 */
export function ImportProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation("customers");
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: [...customerKeys.all, "importJob", jobId],
    queryFn: () => api.get<ImportJob>(`/import/jobs/${jobId}`),
    refetchInterval: (query) =>
      query.state.status === "pending" || query.state.data?.status === "running" ? POLL_MS : false,
  });
  const status = job.data?.status;
  useEffect(() => {
    // The lists and boards were read before the import; they now miss its rows.
    if (status === "done") queryClient.invalidateQueries({ queryKey: customerKeys.all });
  }, [status, queryClient]);

  const data = job.data;
  const percent =
    !data || data.status === "failed"
      ? 0
      : data.status === "done" || data.totalRows === 0
        ? 100
        : Math.min(100, Math.floor((data.processedRows / data.totalRows) * 100));
  const result = data?.status === "done" ? data.result : null;
  return (
    <Stack gap="sm">
      <Title order={2}>{t("customers:import.progress.title")}</Title>
      {data?.status !== "failed" && (
        <Group gap="sm" wrap="nowrap" align="center">
          <Progress
            value={percent}
            aria-label={t("customers:import.progress.label")}
            size="lg"
            striped={status !== "done"}
            animated={status !== "done"}
            style={{ flex: 1 }}
          />
          <Text fw={600} miw="3.5em" ta="right">
            {formatNumber(percent / 100, { style: "percent" })}
          </Text>
        </Group>
      )}
      {data?.status === "running" && (
        <Text size="sm" c="dimmed">
          {t("customers:import.progress.running", {
            processed: formatNumber(data.processedRows),
            total: formatNumber(data.totalRows),
          })}
        </Text>
      )}
      {job.isError && <Alert color="red">{job.error.message}</Alert>}
      {data?.status === "failed" && <Alert color="red">{t("customers:import.progress.failed")}</Alert>}
      {result && (
        <>
          <Alert color="green" role="status">
            {t("customers:import.progress.done")}
          </Alert>
          <Table maw={360} captionSide="top">
            <Table.Caption>{t("customers:import.summary.caption")}</Table.Caption>
            <Table.Tbody>
              {COUNTS.map((key) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{t(`customers:import.summary.${key}`)}</Table.Th>
                  <Table.Td ta="right">{formatNumber(result[key])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group gap="md">
            {data?.entity === "deals" && (
              <Anchor component={Link} to="/customers/deals">
                {t("customers:import.summary.toDeals")}
              </Anchor>
            )}
            <Anchor component={Link} to="/customers/accounts">
              {t("customers:import.summary.toAccounts")}
            </Anchor>
            <Anchor component={Link} to="/customers">
              {t("customers:import.summary.toBoard")}
            </Anchor>
          </Group>
        </>
      )}
    </Stack>
  );
}
