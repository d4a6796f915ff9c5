import { Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { type DragEvent, type KeyboardEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Board, Deal, Stage } from "../../../shared/customers/deals.ts";
import { formatNumber } from "../../ui/format.ts";
import { formatDay, formatMinor } from "./money.ts";

type Column = Board["columns"][number];
const DRAG_TYPE = "application/x-periphery-deal";

type Props = {
  column: Column;
  stages: Stage[];
  currency: string;
  loadingMore: boolean;
  onMove: (dealId: string, stageId: string) => void;
  onLoadMore: (cursor: string) => void;
};

/** One stage of the pipeline: heading with count and sum, its deal cards, a drop target. */
export function PipelineColumn({ column, stages, currency, loadingMore, onMove, onLoadMore }: Props) {
  const { t } = useTranslation("customers");
  const [over, setOver] = useState(false);
  const headingId = `stage-${column.stage.id}`;

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const dealId = event.dataTransfer.getData(DRAG_TYPE);
    if (dealId) onMove(dealId, column.stage.id);
  };

  return (
    <section
      className="pipeline-column"
      data-over={over || undefined}
      aria-labelledby={headingId}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Stack gap={2} mb="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {column.stage.name}
          </Title>
          {column.stage.outcome !== "open" && (
            <Badge color={column.stage.outcome === "won" ? "green" : "gray"} variant="light">
              {t(`customers:outcome.${column.stage.outcome}`)}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed" data-testid="column-summary">
          {t("customers:board.columnSummary", {
            count: column.count,
            countText: formatNumber(column.count),
            // Per currency, never added across currencies; an empty column shows 0 in the organisation's.
            sum: column.totals.length
              ? column.totals.map((total) => formatMinor(total.amount, total.currency)).join(", ")
              : formatMinor(0, currency),
          })}
        </Text>
      </Stack>
      <Stack gap="xs" component="ul" className="pipeline-cards" aria-labelledby={headingId}>
        {column.deals.map((deal) => (
          <li key={deal.id}>
            <DealCard deal={deal} stages={stages} onMove={onMove} />
          </li>
        ))}
      </Stack>
      {column.deals.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t("customers:board.emptyColumn")}
        </Text>
      )}
      {column.nextCursor && (
        <Button
          variant="subtle"
          size="xs"
          fullWidth
          mt="xs"
          loading={loadingMore}
          onClick={() => column.nextCursor && onLoadMore(column.nextCursor)}
          aria-label={t("customers:board.loadMore", { stage: column.stage.name })}
        >
          {t("common.loadMore", { ns: "translation" })}
        </Button>
      )}
    </section>
  );
}

function DealCard({
  deal,
  stages,
  onMove,
}: {
  deal: Deal;
  stages: Stage[];
  onMove: (dealId: string, stageId: string) => void;
}) {
  const { t } = useTranslation("customers");
  const index = stages.findIndex((stage) => stage.id === deal.stageId);

  const onKeyDown = (event: KeyboardEvent) => {
    // Arrows on the card itself (not on its link or select) move it one stage.
    if (event.target !== event.currentTarget) return;
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const next = step ? stages[index + step] : undefined;
    if (!next) return;
    event.preventDefault();
    onMove(deal.id, next.id);
  };

  return (
    <Card
      withBorder
      padding="sm"
      className="deal-card"
      id={`deal-card-${deal.id}`}
      draggable
      tabIndex={0}
      role="group"
      aria-label={t("customers:board.cardLabel", { title: deal.title })}
      aria-describedby="board-keys"
      data-testid="deal-card"
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, deal.id);
        event.dataTransfer.setData("text/plain", deal.title);
        event.dataTransfer.effectAllowed = "move";
      }}
      onKeyDown={onKeyDown}
    >
      <Anchor component={Link} to={`/customers/deals/${deal.id}`} fw={600} size="sm" draggable={false}>
        {deal.title}
      </Anchor>
      <Text size="sm">{deal.accountName}</Text>
      <Group justify="space-between" gap="xs" mt={4}>
        <Text size="sm" fw={600}>
          {formatMinor(deal.amount, deal.currency)}
        </Text>
        {deal.expectedClose && (
          <Text size="xs" c="dimmed">
            {t("customers:board.expectedClose", { date: formatDay(deal.expectedClose) })}
          </Text>
        )}
      </Group>
      <NativeSelect
        mt="xs"
        size="xs"
        aria-label={t("customers:board.moveTo", { title: deal.title })}
        value={deal.stageId}
        onChange={(event) => onMove(deal.id, event.currentTarget.value)}
        data={stages.map((stage) => ({ value: stage.id, label: stage.name }))}
      />
    </Card>
  );
}
