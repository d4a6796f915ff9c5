import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconArrowsExchange, IconFileText, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Deal } from "../../../shared/customers/deals.ts";
import type { Offer } from "../../../shared/customers/offers.ts";
import { api } from "../../api.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { type DealFields, DealForm, dealFields } from "./DealForm.tsx";
import { DealOverview } from "./DealOverview.tsx";
import { notifySaveError } from "./feedback.tsx";
import { HandoverDialog } from "./HandoverDialog.tsx";
import { InvolvedPeople } from "./InvolvedPeople.tsx";
import { LinkedLearnings } from "./LinkedLearnings.tsx";
import { dayFromNow, formatDay, formatMinor } from "./money.ts";
import { OfferStatusBadge } from "./OfferStatusBadge.tsx";
import { customerKeys, useDeal, useDealOffers } from "./queries.ts";

export function DealPage() {
  const { t } = useTranslation("customers");
  const { dealId = "" } = useParams();
  const deal = useDeal(dealId);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<"handover" | "delete" | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.deal(dealId) });

  const update = useMutation({
    // The version is read at save time: after "load latest version" the person's input is kept.
    mutationFn: ({ accountId: _accountId, ...fields }: DealFields) =>
      api.patch<Deal>(`/deals/${dealId}`, { ...fields, version: deal.data?.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.deal(dealId), saved);
      queryClient.invalidateQueries({ queryKey: ["customers", "board"] });
      queryClient.invalidateQueries({ queryKey: customerKeys.deals });
      notifySuccess(t("customers:deal.saved"));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/deals/${dealId}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifySuccess(t("customers:deal.deleted"));
      navigate("/customers");
    },
    onError: (error) => notifyError(error),
  });

  if (deal.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (deal.isError) {
    return (
      <Stack>
        <Alert color="red">{deal.error.message}</Alert>
        <Anchor component={Link} to="/customers">
          {t("customers:board.back")}
        </Anchor>
      </Stack>
    );
  }
  const data = deal.data;

  return (
    <Stack>
      <Anchor component={Link} to={`/customers?cell=${data.cellId}`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden /> {t("customers:board.back")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} style={{ wordBreak: "break-word" }}>
            {data.title}
          </Title>
          <Text size="sm">
            {t("customers:deal.ofAccount")}{" "}
            <Anchor component={Link} to={`/customers/accounts/${data.accountId}`}>
              {data.accountName}
            </Anchor>{" "}
            · {t("customers:deal.inCell", { cell: data.cellName })} ·{" "}
            {t("customers:deal.inStage", { stage: data.stageName })}
          </Text>
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
            {t("customers:deal.delete")}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder component="section" aria-labelledby="deal-details-title">
            <Title order={2} size="h3" id="deal-details-title" mb="sm">
              {t("customers:deal.details")}
            </Title>
            <DealForm
              key={data.id}
              initial={dealFields(data)}
              submitLabel={t("common.save", { ns: "translation" })}
              pending={update.isPending}
              errors={fieldErrors(update.error)}
              onSubmit={(fields) => update.mutate(fields)}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <DealOverview deal={data} />
            <InvolvedPeople key={data.id} deal={data} />
            <DealOffers deal={data} />
            <LinkedLearnings type="deal" id={data.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      <HandoverDialog
        opened={dialog === "handover"}
        onClose={() => setDialog(null)}
        path={`/deals/${data.id}/handover`}
        name={data.title}
        fromCellId={data.cellId}
        version={data.version}
        onDone={() => queryClient.invalidateQueries({ queryKey: customerKeys.all })}
        onStale={reload}
      />
      <Modal
        opened={dialog === "delete"}
        onClose={() => setDialog(null)}
        title={t("customers:deal.deleteTitle")}
        closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
      >
        <Stack>
          <Text>{t("customers:deal.deleteBody", { title: data.title })}</Text>
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setDialog(null)}>
              {t("common.cancel", { ns: "translation" })}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t("customers:deal.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function DealOffers({ deal }: { deal: Deal }) {
  const { t } = useTranslation("customers");
  const offers = useDealOffers(deal.id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Whether recording an accepted offer wins this deal (offerDecisions.ts on the server).
  const keepOpen = useMutation({
    mutationFn: (keepOpenOnAcceptance: boolean) =>
      api.patch<Deal>(`/deals/${deal.id}`, { keepOpenOnAcceptance, version: deal.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.deal(deal.id), saved);
      queryClient.invalidateQueries({ queryKey: customerKeys.dealOffers(deal.id) });
      notifySuccess(t("customers:deal.keepOpenSaved"));
    },
    onError: (error) =>
      notifySaveError(error, () => queryClient.invalidateQueries({ queryKey: customerKeys.deal(deal.id) })),
  });
  const create = useMutation({
    // A first line from the deal itself, so the editor opens with something to adjust.
    mutationFn: () =>
      api.post<Offer>(`/deals/${deal.id}/offers`, {
        language: currentLanguage(),
        validUntil: dayFromNow(30),
        paymentTermsDays: 30,
        terms: "",
        taxRateBps: 1900,
        lines: [
          {
            productId: null,
            description: deal.title,
            quantity: 1,
            unitPrice: deal.amount,
            unitCost: null,
            discountBps: 0,
          },
        ],
      }),
    onSuccess: (offer) => {
      queryClient.invalidateQueries({ queryKey: customerKeys.dealOffers(deal.id) });
      navigate(`/customers/offers/${offer.id}`);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Card withBorder component="section" aria-labelledby="deal-offers-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="deal-offers-title">
          {t("customers:offer.list")}
        </Title>
        <Button
          size="xs"
          leftSection={<IconFileText size={14} aria-hidden />}
          loading={create.isPending}
          onClick={() => create.mutate()}
        >
          {t("customers:offer.new")}
        </Button>
      </Group>
      <Switch
        mb="sm"
        label={t("customers:deal.keepOpenOnAcceptance")}
        description={t("customers:deal.keepOpenOnAcceptanceHint")}
        checked={deal.keepOpenOnAcceptance}
        disabled={keepOpen.isPending}
        onChange={(event) => keepOpen.mutate(event.currentTarget.checked)}
      />
      {offers.isError && <Alert color="red">{offers.error.message}</Alert>}
      {offers.data && offers.data.length === 0 && <Text size="sm">{t("customers:offer.none")}</Text>}
      {offers.data && offers.data.length > 0 && (
        <TableScroll label={t("customers:offer.list")} minWidth={380}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers:offer.number")}</Table.Th>
                <Table.Th>{t("customers:offer.statusLabel")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("customers:offer.gross")}</Table.Th>
                <Table.Th>{t("customers:offer.validUntil")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {offers.data.map((offer) => (
                <Table.Tr key={offer.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/offers/${offer.id}`}>
                      {offer.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <OfferStatusBadge status={offer.status} />
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                    {formatMinor(offer.totals.gross, offer.currency)}
                  </Table.Td>
                  <Table.Td>{formatDay(offer.validUntil)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}
