import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconArrowsExchange, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { countryName } from "../../../shared/address.ts";
import type { Account } from "../../../shared/customers/accounts.ts";
import { api } from "../../api.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { type AccountFields, AccountForm } from "./AccountForm.tsx";
import { Contacts } from "./Contacts.tsx";
import { notifySaveError } from "./feedback.tsx";
import { HandoverDialog } from "./HandoverDialog.tsx";
import { LinkedLearnings } from "./LinkedLearnings.tsx";
import { formatDay, formatMinor } from "./money.ts";
import { NewDealDialog } from "./NewDealDialog.tsx";
import { customerKeys, useAccount, useDeals } from "./queries.ts";
import { Timeline } from "./Timeline.tsx";

export function AccountPage() {
  const { t } = useTranslation("customers");
  const { accountId = "" } = useParams();
  const account = useAccount(accountId);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<"handover" | "deal" | "delete" | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.account(accountId) });

  const update = useMutation({
    // The version is read at save time: after "load latest version" the person's input is kept.
    mutationFn: ({ cellId: _cellId, ...fields }: AccountFields) =>
      api.patch<Account>(`/accounts/${accountId}`, { ...fields, version: account.data?.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.account(accountId), saved);
      queryClient.invalidateQueries({ queryKey: customerKeys.accounts });
      notifySuccess(t("customers:account.saved"));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/accounts/${accountId}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifySuccess(t("customers:account.deleted"));
      navigate("/customers/accounts");
    },
    onError: (error) => notifyError(error),
  });

  if (account.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (account.isError) {
    return (
      <Stack>
        <Alert color="red">{account.error.message}</Alert>
        <Anchor component={Link} to="/customers/accounts">
          {t("customers:accounts.back")}
        </Anchor>
      </Stack>
    );
  }
  const data = account.data;

  return (
    <Stack>
      <Anchor component={Link} to="/customers/accounts" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden /> {t("customers:accounts.back")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} style={{ wordBreak: "break-word" }}>
            {data.name}
          </Title>
          <Text size="sm">{t("customers:account.ownedBy", { cell: data.cellName })}</Text>
          <AccountAddress account={data} />
        </Stack>
        <Group gap="xs">
          <Button
            variant="light"
            leftSection={<IconArrowsExchange size={16} aria-hidden />}
            onClick={() => setDialog("handover")}
          >
            {t("customers:handover.open")}
          </Button>
          <Button
            color="red"
            variant="outline"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setDialog("delete")}
          >
            {t("customers:account.delete")}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="section" aria-labelledby="account-details-title">
            <Title order={2} size="h3" id="account-details-title" mb="sm">
              {t("customers:account.details")}
            </Title>
            <AccountForm
              key={data.id}
              initial={{
                cellId: data.cellId,
                name: data.name,
                industry: data.industry,
                size: data.size,
                region: data.region,
                website: data.website,
                notes: data.notes,
                street: data.street,
                postalCode: data.postalCode,
                city: data.city,
                country: data.country,
                vatId: data.vatId,
              }}
              submitLabel={t("common.save", { ns: "translation" })}
              pending={update.isPending}
              errors={fieldErrors(update.error)}
              onSubmit={(fields) => update.mutate(fields)}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <Contacts accountId={data.id} />
            <AccountDeals accountId={data.id} onNew={() => setDialog("deal")} />
            <LinkedLearnings type="account" id={data.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Timeline accountId={data.id} />
      <HandoverDialog
        opened={dialog === "handover"}
        onClose={() => setDialog(null)}
        path={`/accounts/${data.id}/handover`}
        name={data.name}
        fromCellId={data.cellId}
        version={data.version}
        onDone={() => queryClient.invalidateQueries({ queryKey: customerKeys.all })}
        onStale={reload}
      />
      <NewDealDialog
        opened={dialog === "deal"}
        onClose={() => setDialog(null)}
        account={{ id: data.id, name: data.name }}
      />
      <Modal
        opened={dialog === "delete"}
        onClose={() => setDialog(null)}
        title={t("customers:account.deleteTitle")}
        closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
      >
        <Stack>
          <Text>{t("customers:account.deleteBody", { name: data.name })}</Text>
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setDialog(null)}>
              {t("common.cancel", { ns: "translation" })}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t("customers:account.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function AccountDeals({ accountId, onNew }: { accountId: string; onNew: () => void }) {
  const { t } = useTranslation("customers");
  const deals = useDeals({ accountId, sort: "updatedAt", dir: "desc" }, 20);
  const items = pageItems(deals);
  return (
    <Card withBorder component="section" aria-labelledby="account-deals-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="account-deals-title">
          {t("customers:account.deals")}
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={onNew}>
          {t("customers:deal.new")}
        </Button>
      </Group>
      {deals.isError && <Alert color="red">{deals.error.message}</Alert>}
      {deals.data && items.length === 0 && <Text size="sm">{t("customers:account.noDeals")}</Text>}
      {items.length > 0 && (
        <TableScroll label={t("customers:account.deals")} minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers:deal.title")}</Table.Th>
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
                    {deal.stageName}{" "}
                    {deal.outcome !== "open" && (
                      <Badge size="xs" variant="light" color={deal.outcome === "won" ? "green" : "gray"}>
                        {t(`customers:outcome.${deal.outcome}`)}
                      </Badge>
                    )}
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
      <LoadMore read={deals} variant="subtle" />
    </Card>
  );
}

/** The postal address and VAT id in one line under the name, as the offer letter will use them. */
function AccountAddress({ account }: { account: Account }) {
  const { t } = useTranslation("customers");
  const place = [account.postalCode, account.city].filter(Boolean).join(" ");
  const country = account.country ? countryName(account.country, currentLanguage()) : "";
  const address = [account.street, place, country].filter(Boolean).join(", ");
  if (!address && !account.vatId) return null;
  return (
    <Text size="sm" component="address" style={{ fontStyle: "normal", wordBreak: "break-word" }}>
      {address}
      {address && account.vatId ? " · " : ""}
      {account.vatId ? `${t("customers:account.vatId")} ${account.vatId}` : ""}
    </Text>
  );
}
