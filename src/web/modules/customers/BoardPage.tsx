import { Alert, Anchor, Button, Group, Loader, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { IconDownload, IconList, IconPlus, IconSettings, IconUpload } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Board, Deal } from "../../../shared/customers/deals.ts";
import { api } from "../../api.ts";
import { useOrganisation, useSession } from "../../ui/session.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { useAllCells } from "../org/queries.ts";
import { appendColumnPage, findDeal, relocateDeal, replaceDeal } from "./boardMoves.ts";
import { notifySaveError } from "./feedback.tsx";
import { NewAccountDialog } from "./NewAccountDialog.tsx";
import { NewDealDialog } from "./NewDealDialog.tsx";
import { PipelineColumn } from "./PipelineColumn.tsx";
import { customerKeys, fetchColumnPage, useBoard } from "./queries.ts";

/** One cell's pipeline: a column per stage; deals move by drag-and-drop, by a select or by ←/→. */
export function BoardPage() {
  const { t } = useTranslation("customers");
  const { person } = useSession();
  const organisation = useOrganisation();
  const cells = useAllCells();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"deal" | "account" | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // The person's own cell first; otherwise the first periphery cell (the cells facing the market).
  const defaultCellId = useMemo(() => {
    const all = cells.data ?? [];
    const own = all.find((cell) => person.cellIds.includes(cell.id));
    return (own ?? all.find((cell) => cell.kind === "periphery") ?? all[0])?.id ?? null;
  }, [cells.data, person.cellIds]);
  const cellId = params.get("cell") ?? defaultCellId;
  const board = useBoard(cellId);
  const key = customerKeys.board(cellId ?? "");

  const move = useMutation({
    mutationFn: ({ deal, stageId }: { deal: Deal; stageId: string }) =>
      api.put<Deal>(`/deals/${deal.id}/stage`, { stageId, version: deal.version }),
    onMutate: ({ deal, stageId }) => {
      queryClient.setQueryData<Board>(key, (current) => current && relocateDeal(current, deal, stageId));
      const stageName = board.data?.columns.find((c) => c.stage.id === stageId)?.stage.name ?? "";
      setAnnouncement(t("customers:board.moved", { title: deal.title, stage: stageName }));
      return { deal };
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<Board>(key, (current) => current && replaceDeal(current, saved));
      queryClient.invalidateQueries({ queryKey: customerKeys.deals });
      queryClient.invalidateQueries({ queryKey: customerKeys.deal(saved.id) });
    },
    onError: (error, _variables, context) => {
      if (context) {
        queryClient.setQueryData<Board>(
          key,
          (current) => current && relocateDeal(current, context.deal, context.deal.stageId),
        );
        setAnnouncement(t("customers:board.moveFailed", { title: context.deal.title }));
      }
      notifySaveError(error, () => queryClient.invalidateQueries({ queryKey: key }));
    },
  });

  const moveDeal = (dealId: string, stageId: string) => {
    const deal = board.data && findDeal(board.data, dealId);
    if (!deal || deal.stageId === stageId) return;
    move.mutate({ deal, stageId });
    // The card re-renders in its new column; keep keyboard focus on it.
    requestAnimationFrame(() => document.getElementById(`deal-card-${dealId}`)?.focus());
  };

  const loadMore = useMutation({
    mutationFn: ({ stageId, cursor }: { stageId: string; cursor: string }) =>
      fetchColumnPage(cellId ?? "", stageId, cursor).then((page) => ({ stageId, page })),
    onSuccess: ({ stageId, page }) =>
      queryClient.setQueryData<Board>(key, (current) => current && appendColumnPage(current, stageId, page)),
    onError: (error) => notifySaveError(error, () => queryClient.invalidateQueries({ queryKey: key })),
  });

  const cell = cells.data?.find((c) => c.id === cellId);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("customers:board.title")}</Title>
        <Group gap="xs">
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setDialog("deal")}
            disabled={!cellId}
          >
            {t("customers:deal.new")}
          </Button>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setDialog("account")}
            disabled={!cellId}
          >
            {t("customers:account.new")}
          </Button>
        </Group>
      </Group>
      <CustomersNav />
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t("customers:board.cell")}
          value={cellId ?? ""}
          onChange={(e) => setParams({ cell: e.currentTarget.value })}
          data={(cells.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          miw={220}
        />
        {cell && (
          <Text size="sm" c="dimmed">
            {cell.marketSlice}
          </Text>
        )}
      </Group>
      {(cells.isPending || board.isPending) && cellId !== null && (
        <Loader aria-label={t("common.loading", { ns: "translation" })} />
      )}
      {cells.data && !cellId && (
        <Alert color="gray">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("customers:board.noCells")}</Text>
            <Anchor component={Link} to="/cells" size="sm">
              {t("customers:board.toCells")}
            </Anchor>
          </Stack>
        </Alert>
      )}
      {board.isError && <Alert color="red">{board.error.message}</Alert>}
      {board.data && (
        <>
          <Text size="sm" id="board-keys">
            {t("customers:board.help")}
          </Text>
          <TableScroll
            label={t("customers:board.regionLabel", { cell: cell?.name ?? "" })}
            minWidth={board.data.columns.length * 286}
          >
            <div className="pipeline-board">
              {board.data.columns.map((column) => (
                <PipelineColumn
                  key={column.stage.id}
                  column={column}
                  stages={board.data.columns.map((c) => c.stage)}
                  currency={organisation.currency}
                  loadingMore={loadMore.isPending && loadMore.variables?.stageId === column.stage.id}
                  onMove={moveDeal}
                  onLoadMore={(cursor) => loadMore.mutate({ stageId: column.stage.id, cursor })}
                />
              ))}
            </div>
          </TableScroll>
          <div aria-live="polite" className="visually-hidden">
            {announcement}
          </div>
        </>
      )}
      {cellId && (
        <>
          <NewDealDialog
            opened={dialog === "deal"}
            cellId={cellId}
            onClose={() => setDialog(null)}
            onCreated={() => queryClient.invalidateQueries({ queryKey: key })}
          />
          <NewAccountDialog opened={dialog === "account"} cellId={cellId} onClose={() => setDialog(null)} />
        </>
      )}
    </Stack>
  );
}

/** The module's own navigation: board, lists, import and settings. */
export function CustomersNav() {
  const { t } = useTranslation("customers");
  return (
    <Group gap="md" component="nav" aria-label={t("customers:nav.label")}>
      <Anchor component={Link} to="/customers" size="sm">
        {t("customers:nav.board")}
      </Anchor>
      <Anchor component={Link} to="/customers/deals" size="sm">
        <Group gap={4} component="span">
          <IconList size={14} aria-hidden /> {t("customers:nav.deals")}
        </Group>
      </Anchor>
      <Anchor component={Link} to="/customers/accounts" size="sm">
        {t("customers:nav.accounts")}
      </Anchor>
      <Anchor component={Link} to="/customers/import" size="sm">
        <Group gap={4} component="span">
          <IconUpload size={14} aria-hidden /> {t("customers:nav.import")}
        </Group>
      </Anchor>
      <Anchor component={Link} to="/customers/export" size="sm">
        <Group gap={4} component="span">
          <IconDownload size={14} aria-hidden /> {t("customers:nav.export")}
        </Group>
      </Anchor>
      <Anchor component={Link} to="/customers/settings" size="sm">
        <Group gap={4} component="span">
          <IconSettings size={14} aria-hidden /> {t("customers:nav.settings")}
        </Group>
      </Anchor>
    </Group>
  );
}
