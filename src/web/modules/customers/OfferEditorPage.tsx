import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconDownload, IconPrinter, IconSend, IconX } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Offer } from "../../../shared/customers/offers.ts";
import { evaluateGuardrails, offerTotals } from "../../../shared/offerMath.ts";
import { api, query } from "../../api.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { PercentField, WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { OfferProposals } from "../decisions/OfferProposals.tsx";
import { notifySaveError } from "./feedback.tsx";
import { GuardrailNotice, RecordedFindings } from "./GuardrailNotice.tsx";
import { formatMinor } from "./money.ts";
import { type LineDraft, newLineKey, OfferLines } from "./OfferLines.tsx";
import { OfferStatusBadge } from "./OfferStatusBadge.tsx";
import { customerKeys, useContacts, useGuardrails, useOffer, useProducts } from "./queries.ts";

type Draft = {
  language: "de" | "en";
  validUntil: string;
  paymentTermsDays: number;
  terms: string;
  taxRateBps: number;
  contactId: string | null;
  lines: LineDraft[];
};

const draftOf = (offer: Offer): Draft => ({
  language: offer.language,
  validUntil: offer.validUntil,
  paymentTermsDays: offer.paymentTermsDays,
  terms: offer.terms,
  taxRateBps: offer.taxRateBps,
  contactId: offer.contact?.id ?? null,
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
  const contacts = useContacts(offer.accountId);
  const [answer, setAnswer] = useState<"accept" | "decline" | null>(null);
  const [reason, setReason] = useState("");
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
      api.post<Offer>(`/offers/${offer.id}/${verb}`, {
        version: latestVersion(),
        ...(verb === "decline" ? { reason } : {}),
      }),
    onSuccess: (decided) => {
      stored(decided);
      setAnswer(null);
      // Accepting may have won the deal: its page, the board and the lists show it.
      queryClient.invalidateQueries({ queryKey: customerKeys.deal(decided.dealId) });
      queryClient.invalidateQueries({ queryKey: ["customers", "board"] });
      queryClient.invalidateQueries({ queryKey: customerKeys.deals });
      queryClient.invalidateQueries({ queryKey: customerKeys.timeline(decided.accountId) });
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
  // Sending and asking for advice save first, outside the form's submit: a field that cannot be read
  // (src/web/ui/NumberField.tsx) stops them as it stops saving, instead of sending the last readable value.
  const form = useRef<HTMLDivElement>(null);
  const readable = () => form.current?.closest("form")?.reportValidity() ?? true;
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
        <Group gap="sm">
          <Anchor component={Link} to={`/customers/offers/${offer.id}/print`}>
            <Group gap={4} component="span">
              <IconPrinter size={16} aria-hidden /> {t("customers:offer.print")}
            </Group>
          </Anchor>
          {/* The server renders the letter (GET /api/offers/:id/pdf answers as a download). */}
          <Button
            component="a"
            href={`/api/offers/${offer.id}/pdf`}
            download
            variant="light"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t("customers:offer.pdf")}
          </Button>
        </Group>
      </Group>
      {offer.status === "declined" && offer.declineReason && (
        <Alert color="gray" title={t("customers:offer.status.declined")}>
          {t("customers:offer.declinedBecause", { reason: offer.declineReason })}
        </Alert>
      )}

      {isDraft ? (
        <GuardrailNotice
          findings={findings}
          adviceNote={offer.adviceNote}
          // The advice process itself: a proposal linked to the offer and the guardrail it leaves.
          onAskAdvice={() => readable() && askAdvice.mutate()}
        />
      ) : (
        <RecordedFindings findings={offer.recordedFindings} adviceNote={offer.adviceNote} />
      )}
      <OfferProposals offerId={offer.id} />

      <Stack component="form" ref={form} onSubmit={submit} gap="md">
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
                <DateField
                  label={t("customers:offer.validUntil")}
                  required
                  readOnly={!isDraft}
                  value={draft.validUntil || null}
                  onChange={(validUntil) => change({ validUntil: validUntil ?? "" })}
                  error={errors.validUntil}
                />
                <WholeNumberField
                  label={t("customers:offer.paymentTerms")}
                  required
                  max={365}
                  readOnly={!isDraft}
                  value={draft.paymentTermsDays}
                  onChange={(days) => change({ paymentTermsDays: days ?? 0 })}
                  error={errors.paymentTermsDays}
                />
                <PercentField
                  label={t("customers:offer.taxRate")}
                  required
                  readOnly={!isDraft}
                  value={draft.taxRateBps}
                  onChange={(taxRateBps) => change({ taxRateBps: taxRateBps ?? 0 })}
                  error={errors.taxRateBps}
                />
                <NativeSelect
                  label={t("customers:offer.contact")}
                  description={t("customers:offer.contactHint")}
                  disabled={!isDraft}
                  value={draft.contactId ?? ""}
                  onChange={(e) => change({ contactId: e.currentTarget.value || null })}
                  data={[
                    { value: "", label: t("customers:offer.noContact") },
                    ...(contacts.data ?? []).map((contact) => ({
                      value: contact.id,
                      label: contact.role ? `${contact.name} (${contact.role})` : contact.name,
                    })),
                    // A contact on a sent offer stays named even if the list has not loaded it.
                    ...(offer.contact && !contacts.data?.some((c) => c.id === offer.contact?.id)
                      ? [{ value: offer.contact.id, label: offer.contact.name }]
                      : []),
                  ]}
                  error={errors.contactId}
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
                  {/* The letter's order: subtotal, discount, net, tax, gross. */}
                  <TotalRow
                    label={t("customers:offer.subtotal")}
                    value={formatMinor(totals.subtotal, offer.currency)}
                  />
                  <TotalRow
                    label={t("customers:offer.discountTotal")}
                    value={formatMinor(-totals.discount, offer.currency)}
                  />
                  <TotalRow
                    label={t("customers:offer.net")}
                    value={formatMinor(totals.net, offer.currency)}
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
                onClick={() => readable() && send.mutate()}
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
              <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setAnswer("accept")}>
                {t("customers:offer.accept")}
              </Button>
              <Button
                variant="outline"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => setAnswer("decline")}
              >
                {t("customers:offer.decline")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      <Modal
        opened={answer !== null}
        onClose={() => setAnswer(null)}
        title={t(answer === "decline" ? "customers:offer.declineTitle" : "customers:offer.acceptTitle", {
          number: offer.number,
        })}
        closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
      >
        <Stack
          component="form"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            if (answer) decide.mutate(answer);
          }}
        >
          {answer === "accept" && (
            <Text>
              {offer.dealKeepsOpenOnAcceptance
                ? t("customers:offer.acceptKeepsOpen")
                : t("customers:offer.acceptWins", { amount: formatMinor(offer.totals.net, offer.currency) })}
            </Text>
          )}
          {answer === "decline" && (
            <Textarea
              label={t("customers:offer.declineReason")}
              description={t("customers:offer.declineReasonHint")}
              required
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldErrors(decide.error).reason}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setAnswer(null)}>
              {t("common.cancel", { ns: "translation" })}
            </Button>
            <Button type="submit" loading={decide.isPending}>
              {t(answer === "decline" ? "customers:offer.declineConfirm" : "customers:offer.acceptConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
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
