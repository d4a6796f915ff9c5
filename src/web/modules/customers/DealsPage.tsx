import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { useAllCells } from "../org/queries.ts";
import { CustomersNav } from "./BoardPage.tsx";
import { formatDay, formatMinor } from "./money.ts";
import { NewDealDialog } from "./NewDealDialog.tsx";
import { type DealFilter, useDeals, useStages } from "./queries.ts";

const SORTS = ["updatedAt", "amount", "expectedClose"] as const;

/** Deals across all cells: everyone reads everything (PRODUCT.md rule 4); filters live in the URL. */
export function DealsPage() {
  const { t } = useTranslation("customers");
  const cells = useAllCells();
  const stages = useStages();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const filter: DealFilter = {
    cellId: params.get("cell") || undefined,
    stageId: params.get("stage") || undefined,
    outcome: params.get("outcome") || undefined,
    q: q || undefined,
    sort: (SORTS as readonly string[]).includes(params.get("sort") ?? "")
      ? (params.get("sort") as DealFilter["sort"])
      : "updatedAt",
    dir: params.get("dir") === "asc" ? "asc" : "desc",
  };
  const deals = useDeals(filter);
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const items = pageItems(deals);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("customers:deals.title")}</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t("customers:deal.new")}
        </Button>
      </Group>
      <CustomersNav />
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: 3, lg: 6 }}
        component="form"
        role="search"
        aria-label={t("customers:deals.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextInput
          label={t("customers:deals.search")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
        />
        <NativeSelect
          label={t("customers:deals.cell")}
          value={filter.cellId ?? ""}
          onChange={(e) => setParam("cell", e.currentTarget.value)}
          data={[
            { value: "", label: t("customers:deals.allCells") },
            ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <NativeSelect
          label={t("customers:deals.stage")}
          value={filter.stageId ?? ""}
          onChange={(e) => setParam("stage", e.currentTarget.value)}
          data={[
            { value: "", label: t("customers:deals.allStages") },
            ...(stages.data ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <NativeSelect
          label={t("customers:deals.outcome")}
          value={filter.outcome ?? ""}
          onChange={(e) => setParam("outcome", e.currentTarget.value)}
          data={[
            { value: "", label: t("customers:deals.allOutcomes") },
            ...(["open", "won", "lost"] as const).map((o) => ({
              value: o,
              label: t(`customers:outcome.${o}`),
            })),
          ]}
        />
        <NativeSelect
          label={t("customers:deals.sort")}
          value={filter.sort}
          onChange={(e) => setParam("sort", e.currentTarget.value)}
          data={SORTS.map((s) => ({ value: s, label: t(`customers:deals.sortBy.${s}`) }))}
        />
        <NativeSelect
          label={t("customers:deals.direction")}
          value={filter.dir}
          onChange={(e) => setParam("dir", e.currentTarget.value)}
          data={[
            { value: "desc", label: t("customers:deals.desc") },
            { value: "asc", label: t("customers:deals.asc") },
          ]}
        />
      </SimpleGrid>
      {deals.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {deals.isError && <Alert color="red">{deals.error.message}</Alert>}
      {deals.data && items.length === 0 && <Alert color="gray">{t("customers:deals.empty")}</Alert>}
      {items.length > 0 && (
        <TableScroll label={t("customers:deals.title")} minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers:deal.title")}</Table.Th>
                <Table.Th>{t("customers:deal.account")}</Table.Th>
                <Table.Th>{t("customers:deal.cell")}</Table.Th>
                <Table.Th>{t("customers:deal.stage")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("customers:deal.amount")}</Table.Th>
                <Table.Th>{t("customers:deal.expectedClose")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((deal) => (
                <Table.Tr key={deal.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/deals/${deal.id}`}>
                      {deal.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/accounts/${deal.accountId}`}>
                      {deal.accountName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{deal.cellName}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{deal.stageName}</Text>
                      {deal.outcome !== "open" && (
                        <Badge size="sm" variant="light" color={deal.outcome === "won" ? "green" : "gray"}>
                          {t(`customers:outcome.${deal.outcome}`)}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                    {formatMinor(deal.amount, deal.currency)}
                  </Table.Td>
                  <Table.Td>{deal.expectedClose ? formatDay(deal.expectedClose) : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <LoadMore read={deals} />
      <NewDealDialog opened={creating} onClose={() => setCreating(false)} cellId={filter.cellId} />
    </Stack>
  );
}
