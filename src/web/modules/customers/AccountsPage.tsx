import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { formatNumber } from "../../ui/format.ts";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { useAllCells } from "../org/queries.ts";
import { CustomersNav } from "./BoardPage.tsx";
import { NewAccountDialog } from "./NewAccountDialog.tsx";
import { useAccounts } from "./queries.ts";

export function AccountsPage() {
  const { t } = useTranslation("customers");
  const cells = useAllCells();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const cellId = params.get("cell") || undefined;
  const accounts = useAccounts({ cellId, q: q || undefined });
  const items = pageItems(accounts);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("customers:accounts.title")}</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t("customers:account.new")}
        </Button>
      </Group>
      <CustomersNav />
      <SimpleGrid
        cols={{ base: 1, sm: 2 }}
        maw={720}
        component="form"
        role="search"
        aria-label={t("customers:accounts.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextInput
          label={t("customers:accounts.search")}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <NativeSelect
          label={t("customers:deals.cell")}
          value={cellId ?? ""}
          onChange={(e) =>
            setParams(e.currentTarget.value ? { cell: e.currentTarget.value } : {}, { replace: true })
          }
          data={[
            { value: "", label: t("customers:deals.allCells") },
            ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </SimpleGrid>
      {accounts.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {accounts.isError && <Alert color="red">{accounts.error.message}</Alert>}
      {accounts.data && items.length === 0 && <Alert color="gray">{t("customers:accounts.empty")}</Alert>}
      {items.length > 0 && (
        <TableScroll label={t("customers:accounts.title")} minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers:account.name")}</Table.Th>
                <Table.Th>{t("customers:account.cell")}</Table.Th>
                <Table.Th>{t("customers:account.industry")}</Table.Th>
                <Table.Th>{t("customers:account.region")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("customers:accounts.openDeals")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/accounts/${account.id}`}>
                      {account.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{account.cellName}</Table.Td>
                  <Table.Td>{account.industry || "—"}</Table.Td>
                  <Table.Td>{account.region || "—"}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>{formatNumber(account.openDeals)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <LoadMore read={accounts} />
      <NewAccountDialog
        opened={creating}
        cellId={cellId ?? ""}
        onClose={() => setCreating(false)}
        onCreated={(account) => navigate(`/customers/accounts/${account.id}`)}
      />
    </Stack>
  );
}
