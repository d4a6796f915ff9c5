import { Button, Group, NativeSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Deal } from "../../../shared/customers/deals.ts";
import { DateField } from "../../ui/DateField.tsx";
import { MoneyField, PercentField } from "../../ui/NumberField.tsx";
import { useAccounts, useStages } from "./queries.ts";

// Mirrors CURRENCIES in src/shared/org.ts; importing it would pull zod into the browser bundle.
export const CURRENCIES = ["EUR", "CHF", "USD", "GBP", "SEK", "DKK", "NOK", "PLN", "CZK"] as const;

export type DealFields = {
  accountId: string;
  title: string;
  amount: number;
  currency: string;
  stageId: string;
  expectedClose: string | null;
  probability?: number;
  source: string;
  lostReason: string;
};

export const dealFields = (deal: Deal): DealFields => ({
  accountId: deal.accountId,
  title: deal.title,
  amount: deal.amount,
  currency: deal.currency,
  stageId: deal.stageId,
  expectedClose: deal.expectedClose,
  probability: deal.probability,
  source: deal.source,
  lostReason: deal.lostReason,
});

type Props = {
  initial: DealFields;
  /** Creating from the board or list: the account is picked here. */
  chooseAccount?: { cellId?: string; name?: string };
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (fields: DealFields) => void;
  onCancel?: () => void;
};

export function DealForm({
  initial,
  chooseAccount,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: Props) {
  const { t } = useTranslation("customers");
  const stages = useStages();
  const [fields, setFields] = useState(initial);
  const set = (patch: Partial<DealFields>) => setFields((current) => ({ ...current, ...patch }));
  const stageId = fields.stageId || stages.data?.[0]?.id || "";
  const outcome = stages.data?.find((stage) => stage.id === stageId)?.outcome;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ ...fields, stageId });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      {chooseAccount && (
        <AccountPicker
          cellId={chooseAccount.cellId}
          value={fields.accountId}
          initialName={chooseAccount.name}
          onChange={(accountId) => set({ accountId })}
          error={errors.accountId}
        />
      )}
      <TextInput
        label={t("customers:deal.title")}
        required
        maxLength={200}
        value={fields.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors.title}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyField
          label={t("customers:deal.amount")}
          required
          currency={fields.currency}
          value={fields.amount}
          onChange={(amount) => set({ amount: amount ?? 0 })}
          error={errors.amount}
        />
        <NativeSelect
          label={t("customers:deal.currency")}
          value={fields.currency}
          onChange={(e) => set({ currency: e.currentTarget.value })}
          data={[...CURRENCIES]}
          error={errors.currency}
        />
        <NativeSelect
          label={t("customers:deal.stage")}
          value={stageId}
          onChange={(e) => set({ stageId: e.currentTarget.value })}
          data={(stages.data ?? []).map((stage) => ({ value: stage.id, label: stage.name }))}
          error={errors.stageId}
        />
        <DateField
          label={t("customers:deal.expectedClose")}
          value={fields.expectedClose}
          onChange={(expectedClose) => set({ expectedClose })}
          error={errors.expectedClose}
        />
        <PercentField
          label={t("customers:deal.probability")}
          description={t("customers:deal.probabilityHelp")}
          scale={0}
          value={fields.probability ?? null}
          onChange={(probability) => set({ probability: probability ?? undefined })}
          error={errors.probability}
        />
        <TextInput
          label={t("customers:deal.source")}
          maxLength={120}
          value={fields.source}
          onChange={(e) => set({ source: e.currentTarget.value })}
          error={errors.source}
        />
      </SimpleGrid>
      {outcome === "lost" && (
        <Textarea
          label={t("customers:deal.lostReason")}
          autosize
          minRows={2}
          maxLength={2000}
          value={fields.lostReason}
          onChange={(e) => set({ lostReason: e.currentTarget.value })}
          error={errors.lostReason}
        />
      )}
      <Group>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="subtle" onClick={onCancel}>
            {t("common.cancel", { ns: "translation" })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function AccountPicker({
  cellId,
  value,
  initialName,
  onChange,
  error,
}: {
  cellId?: string;
  value: string;
  initialName?: string;
  onChange: (accountId: string) => void;
  error?: string;
}) {
  const { t } = useTranslation("customers");
  const [search, setSearch] = useState(initialName ?? "");
  const [q] = useDebouncedValue(search, 250);
  const accounts = useAccounts({ cellId, q: q || undefined }, 20);
  const options = (accounts.data?.pages ?? []).flatMap((page) => page.items);
  const data = options.map((account) => ({ value: account.id, label: account.name }));
  if (value && initialName && !data.some((option) => option.value === value)) {
    data.unshift({ value, label: initialName });
  }
  return (
    <Select
      label={t("customers:deal.account")}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      value={value || null}
      onChange={(accountId) => onChange(accountId ?? "")}
      data={data}
      nothingFoundMessage={t("customers:deal.noAccounts")}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
