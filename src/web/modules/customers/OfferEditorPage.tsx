import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconPrinter, IconSend, IconX } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Offer } from "../../../shared/customers.ts";
import { evaluateGuardrails, offerTotals } from "../../../shared/offerMath.ts";
import { api, query } from "../../api.ts";
import { formatDateTime } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { OfferProposals } from "../decisions/OfferProposals.tsx";
import { notifySaveError } from "./feedback.tsx";
import { GuardrailNotice, RecordedFindings } from "./GuardrailNotice.tsx";
import { formatMinor } from "./money.ts";
import { type LineDraft, newLineKey, OfferLines } from "./OfferLines.tsx";
import { OfferStatusBadge } from "./OfferStatusBadge.tsx";
import { customerKeys, useGuardrails, useOffer, useProducts } from "./queries.ts";

type Draft = {
  language: "de" | "en";
  validUntil: string;
  paymentTermsDays: number;
  terms: string;
  taxRateBps: number;
  lines: LineDraft[];
};

const draftOf = (offer: Offer): Draft => ({
  language: offer.language,
  validUntil: offer.validUntil,
  paymentTermsDays: offer.paymentTermsDays,
  terms: offer.terms,
  taxRateBps: offer.taxRateBps,
  lines: offer.lines.map((line) => ({ ...line, key: newLineKey() })),
});

const inputOf = (draft: Draft) => ({
  ...draft,
  lines: draft.lines.map(({ key: _key, ...line }) => line),
});

export function OfferEditorPage() {
  const { t } = useTranslation("customers");
  const { offerId = "" } = useParams();
  const offer = useOffer(offerId);
  if (offer.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (offer.isError) {
    return (
      <Stack>
        <Alert color="red">{offer.error.message}</Alert>
        <Anchor component={Link} to="/customers">
          {t("customers:board.back")}
        </Anchor>
      </Stack>
    );
  }
  return <OfferEditor key={offer.data.id} offer={offer.data} />;
}

function OfferEditor({ offer }: { offer: Offer }) {
  const { t } = useTranslation("customers");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const guardrails = useGuardrails();
  const products = useProducts();
  const [draft, setDraft] = useState<Draft>(() => draftOf(offer));
  const [dirty, setDirty] = useState(false);
  const key = customerKeys.offer(offer.id);
  const isDraft = offer.status === "draft";
  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setDirty(true);
  };

  // Live figures from the same arithmetic the server stores (src/shared/offerMath.ts).
  const valid = draft.lines.every((l) => l.quantity > 0 && l.discountBps >= 0 && l.discountBps <= 10_000);
  const totals = valid ? offerTotals(draft.lines, draft.taxRateBps) : null;
  const findings = useMemo(
    () =>
      isDraft && valid
        ? evaluateGuardrails(
            { lines: draft.lines, paymentTermsDays: draft.paymentTermsDays, taxRateBps: draft.taxRateBps },
            guardrails.data ?? [],
          )
        : [],
    [isDraft, valid, draft, guardrails.data],
  );

  const stored = (saved: Offer) => {
    queryClient.setQueryData(key, saved);
    queryClient.invalidateQueries({ queryKey: customerKeys.dealOffers(saved.dealId) });
    queryClient.invalidateQueries({ queryKey: customerKeys.offers });
  };
  // The version is read when saving: after "load latest version" the person's input stays.
  const latestVersion = () => queryClient.getQueryData<Offer>(key)?.version ?? offer.version;
  const reload = () => queryClient.invalidateQueries({ queryKey: key });

  const save = useMutation({
    mutationFn: () =>
      api.patch<Offer>(`/offers/${offer.id}`, { ...inputOf(draft), version: latestVersion() }),
    onSuccess: (saved) => {
      stored(saved);
      setDirty(false);
      notifySuccess(t("customers:offer.saved"));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  /** Unsaved input is saved before the offer leaves the editor (sent, or taken into an advice process). */
  const saveIfDirty = async (): Promise<number> => {
    const version = latestVersion();
    if (!dirty) return version;
    const saved = await api.patch<Offer>(`/offers/${offer.id}`, { ...inputOf(draft), version });
    stored(saved);
    setDirty(false);
    return saved.version;
  };
  const send = useMutation({
    // Guardrail findings never stop sending (PRODUCT.md rule 1).
    mutationFn: async () => api.post<Offer>(`/offers/${offer.id}/send`, { version: await saveIfDirty() }),
    onSuccess: (sent) => {
      stored(sent);
      notifySuccess(t("customers:offer.sentNotice"));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  // The proposal is about the offer as written, so the 25 % just typed is saved first.
  const askAdvice = useMutation({
    mutationFn: saveIfDirty,
    onSuccess: () => navigate(`/decisions/new${query({ offerId: offer.id, guardrail: findings[0]?.kind })}`),
    onError: (error) => notifySaveError(error, reload),
  });
  const decide = useMutation({
    mutationFn: (verb: "accept" | "decline") =>
      api.post<Offer>(`/offers/${offer.id}/${verb}`, { version: latestVersion() }),
    onSuccess: (decided) => {
      stored(decided);
      notifySuccess(t(decided.status === "accepted" ? "offer.acceptedNotice" : "offer.declinedNotice"));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/offers/${offer.id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: customerKeys.dealOffers(offer.dealId) });
      notifySuccess(t("customers:offer.deleted"));
      navigate(`/customers/deals/${offer.dealId}`);
    },
    onError: (error) => notifyError(error),
  });

  const errors = fieldErrors(save.error ?? send.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Stack>
      <Anchor component={Link} to={`/customers/deals/${offer.dealId}`} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />{" "}
          {t("customers:offer.backToDeal", { title: offer.dealTitle })}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1}>{t("customers:offer.title", { number: offer.number })}</Title>
            <OfferStatusBadge status={offer.status} />
          </Group>
          <Text size="sm">
            <Anchor component={Link} to={`/customers/accounts/${offer.accountId}`}>
              {offer.accountName}
            </Anchor>{" "}
            · {offer.dealTitle}
            {offer.sentAt && ` · ${t("customers:offer.sentAt", { date: formatDateTime(offer.sentAt) })}`}
          </Text>
        </Stack>
        <Anchor component={Link} to={`/customers/offers/${offer.id}/print`}>
          <Group gap={4} component="span">
            <IconPrinter size={16} aria-hidden /> {t("customers:offer.print")}
          </Group>
        </Anchor>
      </Group>

      {isDraft ? (
        <GuardrailNotice
          findings={findings}
          adviceNote={offer.adviceNote}
          // The advice process itself: a proposal linked to the offer and the guardrail it leaves.
          onAskAdvice={() => askAdvice.mutate()}
        />
      ) : (
        <RecordedFindings findings={offer.recordedFindings} adviceNote={offer.adviceNote} />
      )}
      <OfferProposals offerId={offer.id} />

      <Stack component="form" onSubmit={submit} gap="md">
        <Card withBorder component="section" aria-labelledby="offer-lines-title">
          <Title order={2} size="h3" id="offer-lines-title" mb="sm">
            {t("customers:offer.lines")}
          </Title>
          <OfferLines
            lines={draft.lines}
            currency={offer.currency}
            products={products.data ?? []}
            readOnly={!isDraft}
            errors={errors}
            onChange={(lines) => change({ lines })}
          />
        </Card>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder component="section" aria-labelledby="offer-terms-title">
            <Title order={2} size="h3" id="offer-terms-title" mb="sm">
              {t("customers:offer.termsTitle")}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput
                  type="date"
                  label={t("customers:offer.validUntil")}
                  required
                  readOnly={!isDraft}
                  value={draft.validUntil}
                  onChange={(e) => change({ validUntil: e.currentTarget.value })}
                  error={errors.validUntil}
                />
                <NumberInput
                  label={t("customers:offer.paymentTerms")}
                  min={0}
                  max={365}
                  allowDecimal={false}
                  readOnly={!isDraft}
                  value={draft.paymentTermsDays}
                  onChange={(value) => change({ paymentTermsDays: Number(value) || 0 })}
                  error={errors.paymentTermsDays}
                />
                <NumberInput
                  label={t("customers:offer.taxRate")}
                  min={0}
                  max={100}
                  decimalScale={2}
                  readOnly={!isDraft}
                  value={draft.taxRateBps / 100}
                  onChange={(value) => change({ taxRateBps: Math.round((Number(value) || 0) * 100) })}
                  error={errors.taxRateBps}
                />
                <NativeSelect
                  label={t("customers:offer.language")}
                  disabled={!isDraft}
                  value={draft.language}
                  onChange={(e) => change({ language: e.currentTarget.value as Draft["language"] })}
                  data={[
                    { value: "de", label: t("languages.de", { ns: "translation" }) },
                    { value: "en", label: t("languages.en", { ns: "translation" }) },
                  ]}
                />
              </SimpleGrid>
              <Textarea
                label={t("customers:offer.terms")}
                autosize
                minRows={3}
                maxLength={10_000}
                readOnly={!isDraft}
                value={draft.terms}
                onChange={(e) => change({ terms: e.currentTarget.value })}
                error={errors.terms}
              />
            </Stack>
          </Card>
          <Card withBorder component="section" aria-labelledby="offer-totals-title">
            <Title order={2} size="h3" id="offer-totals-title" mb="sm">
              {t("customers:offer.totals")}
            </Title>
            {totals ? (
              <Table aria-labelledby="offer-totals-title">
                <Table.Tbody>
                  <TotalRow
                    label={t("customers:offer.net")}
                    value={formatMinor(totals.net, offer.currency)}
                  />
                  <TotalRow
                    label={t("customers:offer.discountTotal")}
                    value={formatMinor(totals.discount, offer.currency)}
                  />
                  <TotalRow
                    label={t("customers:offer.tax")}
                    value={formatMinor(totals.tax, offer.currency)}
                  />
                  <TotalRow
                    label={t("customers:offer.gross")}
                    value={formatMinor(totals.gross, offer.currency)}
                    strong
                  />
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm">{t("customers:offer.totalsPending")}</Text>
            )}
          </Card>
        </SimpleGrid>
        <Group>
          {isDraft && (
            <>
              <Button type="submit" variant="light" loading={save.isPending} disabled={!dirty}>
                {t("customers:offer.save")}
              </Button>
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                loading={send.isPending}
                onClick={() => send.mutate()}
              >
                {t("customers:offer.send")}
              </Button>
              <Button color="red" variant="subtle" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t("customers:offer.delete")}
              </Button>
            </>
          )}
          {offer.status === "sent" && (
            <>
              <Button
                leftSection={<IconCheck size={16} aria-hidden />}
                loading={decide.isPending && decide.variables === "accept"}
                onClick={() => decide.mutate("accept")}
              >
                {t("customers:offer.accept")}
              </Button>
              <Button
                variant="outline"
                leftSection={<IconX size={16} aria-hidden />}
                loading={decide.isPending && decide.variables === "decline"}
                onClick={() => decide.mutate("decline")}
              >
                {t("customers:offer.decline")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Stack>
  );
}

function TotalRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={strong ? 700 : 500}>
        {label}
      </Table.Th>
      <Table.Td style={{ textAlign: "right", fontWeight: strong ? 700 : undefined }}>{value}</Table.Td>
    </Table.Tr>
  );
}
