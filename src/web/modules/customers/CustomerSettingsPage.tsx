import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Guardrail, GuardrailKind, Letterhead } from "../../../shared/customers/offers.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../ui/format.ts";
import { PercentField, WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifySuccess } from "../../ui/notify.tsx";
import { useOrganisation } from "../../ui/session.tsx";
import { useCountryOptions } from "./AccountForm.tsx";
import { CustomersNav } from "./BoardPage.tsx";
import { notifySaveError } from "./feedback.tsx";
import { formatBps } from "./money.ts";
import { ProductsCard } from "./ProductsCard.tsx";
import { customerKeys, useGuardrails, useLetterhead } from "./queries.ts";

const KINDS: GuardrailKind[] = ["discount", "margin", "paymentTerms"];

/** Price list for everyone; guardrails and letterhead are organisation settings that stewards change. */
export function CustomerSettingsPage() {
  const { t } = useTranslation("customers");
  const organisation = useOrganisation();
  const readOnly = !organisation.abilities.editSettings;
  const guardrails = useGuardrails();
  return (
    <Stack>
      <Title order={1}>{t("customers:settings.title")}</Title>
      <CustomersNav />
      <ProductsCard />
      <Card withBorder component="section" aria-labelledby="guardrails-title">
        <Title order={2} size="h3" id="guardrails-title" mb="xs">
          {t("customers:guardrail.title")}
        </Title>
        <Text size="sm" mb="sm">
          {t("customers:guardrail.intro")}
        </Text>
        {readOnly && (
          <Alert color="gray" icon={<IconLock aria-hidden />} mb="sm">
            {t("customers:settings.readOnly")}
          </Alert>
        )}
        {guardrails.isError && <Alert color="red">{guardrails.error.message}</Alert>}
        {guardrails.data && (
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {KINDS.map((kind) => {
              const guardrail = guardrails.data.find((g) => g.kind === kind);
              return readOnly ? (
                <GuardrailView key={kind} kind={kind} guardrail={guardrail} />
              ) : (
                <GuardrailForm key={`${kind}-${guardrail?.version ?? 0}`} kind={kind} guardrail={guardrail} />
              );
            })}
          </SimpleGrid>
        )}
      </Card>
      <LetterheadCard readOnly={readOnly} />
    </Stack>
  );
}

const limitText = (kind: GuardrailKind, value: number) =>
  kind === "paymentTerms" ? formatNumber(value) : formatBps(value);

function GuardrailView({ kind, guardrail }: { kind: GuardrailKind; guardrail?: Guardrail }) {
  const { t } = useTranslation("customers");
  return (
    <Stack gap={4}>
      <Text fw={600}>{t(`customers:guardrail.kind.${kind}`)}</Text>
      <Text size="sm">
        {guardrail
          ? t(`customers:guardrail.limitText.${kind}`, { limit: limitText(kind, guardrail.limitValue) })
          : t("customers:guardrail.notSet")}
      </Text>
      {guardrail?.why && <Text size="sm">{t("customers:guardrail.why", { why: guardrail.why })}</Text>}
    </Stack>
  );
}

function GuardrailForm({ kind, guardrail }: { kind: GuardrailKind; guardrail?: Guardrail }) {
  const { t } = useTranslation("customers");
  const queryClient = useQueryClient();
  const percent = kind !== "paymentTerms";
  // Discount and margin limits are basis points, payment terms days: the fields pass them on as they are.
  const [limit, setLimit] = useState<number | null>(guardrail ? guardrail.limitValue : null);
  const [why, setWhy] = useState(guardrail?.why ?? "");
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.guardrails });
  const save = useMutation({
    mutationFn: () =>
      api.put<Guardrail>(`/guardrails/${kind}`, {
        limitValue: limit ?? 0,
        why,
        ...(guardrail ? { version: guardrail.version } : {}),
      }),
    onSuccess: () => {
      reload();
      notifySuccess(t("customers:guardrail.saved", { kind: t(`customers:guardrail.kind.${kind}`) }));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack component="form" gap="xs" onSubmit={submit} aria-label={t(`customers:guardrail.kind.${kind}`)}>
      <Text fw={600}>{t(`customers:guardrail.kind.${kind}`)}</Text>
      {percent ? (
        <PercentField
          label={t(`customers:guardrail.limitLabel.${kind}`)}
          required
          value={limit}
          onChange={setLimit}
          error={errors.limitValue}
        />
      ) : (
        <WholeNumberField
          label={t(`customers:guardrail.limitLabel.${kind}`)}
          required
          max={365}
          value={limit}
          onChange={setLimit}
          error={errors.limitValue}
        />
      )}
      <Textarea
        label={t("customers:guardrail.whyLabel")}
        autosize
        minRows={2}
        maxLength={2000}
        value={why}
        onChange={(e) => setWhy(e.currentTarget.value)}
        error={errors.why}
      />
      <Button type="submit" size="xs" w="fit-content" loading={save.isPending} disabled={limit === null}>
        {t("customers:guardrail.save", { kind: t(`customers:guardrail.kind.${kind}`) })}
      </Button>
    </Stack>
  );
}

const LETTERHEAD_FIELDS = [
  "companyName",
  "address",
  "email",
  "phone",
  "vatId",
  "country",
  "bankDetails",
  "footer",
] as const;
const MULTILINE = new Set(["address", "bankDetails", "footer"]);

function LetterheadCard({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation("customers");
  const letterhead = useLetterhead();
  return (
    <Card withBorder component="section" aria-labelledby="letterhead-title">
      <Title order={2} size="h3" id="letterhead-title" mb="xs">
        {t("customers:letterhead.title")}
      </Title>
      <Text size="sm" mb="sm">
        {t("customers:letterhead.intro")}
      </Text>
      {letterhead.isError && <Alert color="red">{letterhead.error.message}</Alert>}
      {letterhead.data && (
        <LetterheadForm key={letterhead.data.version} initial={letterhead.data} readOnly={readOnly} />
      )}
    </Card>
  );
}

function LetterheadForm({
  initial,
  readOnly,
}: {
  initial: Letterhead & { version: number };
  readOnly: boolean;
}) {
  const { t } = useTranslation("customers");
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Letterhead>(
    () => Object.fromEntries(LETTERHEAD_FIELDS.map((name) => [name, initial[name] ?? ""])) as Letterhead,
  );
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.letterhead });
  const save = useMutation({
    mutationFn: () => api.put(`/letterhead`, { ...fields, version: initial.version }),
    onSuccess: () => {
      reload();
      notifySuccess(t("customers:letterhead.saved"));
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const errors = fieldErrors(save.error);
  const countries = useCountryOptions();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack component="form" gap="sm" onSubmit={submit}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {LETTERHEAD_FIELDS.map((name) =>
          name === "country" ? (
            <Select
              key={name}
              label={t("customers:letterhead.country")}
              description={t("customers:letterhead.countryHint")}
              placeholder={t("customers:account.countryNone")}
              searchable
              clearable
              readOnly={readOnly}
              data={countries}
              value={fields.country || null}
              onChange={(value) => setFields({ ...fields, country: value ?? "" })}
              error={errors.country}
            />
          ) : MULTILINE.has(name) ? (
            <Textarea
              key={name}
              label={t(`customers:letterhead.${name}`)}
              autosize
              minRows={2}
              readOnly={readOnly}
              value={fields[name]}
              onChange={(e) => setFields({ ...fields, [name]: e.currentTarget.value })}
              error={errors[name]}
            />
          ) : (
            <TextInput
              key={name}
              label={t(`customers:letterhead.${name}`)}
              readOnly={readOnly}
              value={fields[name]}
              onChange={(e) => setFields({ ...fields, [name]: e.currentTarget.value })}
              error={errors[name]}
            />
          ),
        )}
      </SimpleGrid>
      {!readOnly && (
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("customers:letterhead.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
