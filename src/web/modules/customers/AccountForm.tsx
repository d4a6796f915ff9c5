import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Account } from "../../../shared/customers.ts";
import { useAllCells } from "../org/queries.ts";

// Mirrors ACCOUNT_SIZES in src/shared/customers.ts; importing it would pull zod into the browser bundle.
const SIZES = ["unknown", "1-9", "10-49", "50-249", "250-999", "1000+"] as const;

export type AccountFields = Pick<Account, "name" | "industry" | "size" | "region" | "website" | "notes"> & {
  cellId: string;
};

type Props = {
  initial: AccountFields;
  /** On create the owning cell is chosen; afterwards only a hand-over changes it. */
  chooseCell?: boolean;
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (fields: AccountFields) => void;
  onCancel?: () => void;
};

export function AccountForm({
  initial,
  chooseCell,
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
}: Props) {
  const { t } = useTranslation("customers");
  const cells = useAllCells();
  const [fields, setFields] = useState(initial);
  const set = (patch: Partial<AccountFields>) => setFields((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ ...fields, cellId: fields.cellId || (cells.data?.[0]?.id ?? "") });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <TextInput
        label={t("customers:account.name")}
        required
        maxLength={200}
        value={fields.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      {chooseCell && (
        <NativeSelect
          label={t("customers:account.cell")}
          value={fields.cellId || cells.data?.[0]?.id}
          onChange={(e) => set({ cellId: e.currentTarget.value })}
          data={(cells.data ?? []).map((cell) => ({ value: cell.id, label: cell.name }))}
          error={errors.cellId}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("customers:account.industry")}
          maxLength={120}
          value={fields.industry}
          onChange={(e) => set({ industry: e.currentTarget.value })}
          error={errors.industry}
        />
        <NativeSelect
          label={t("customers:account.size")}
          value={fields.size}
          onChange={(e) => set({ size: e.currentTarget.value as AccountFields["size"] })}
          data={SIZES.map((size) => ({ value: size, label: t(`customers:account.sizes.${size}`) }))}
          error={errors.size}
        />
        <TextInput
          label={t("customers:account.region")}
          maxLength={120}
          value={fields.region}
          onChange={(e) => set({ region: e.currentTarget.value })}
          error={errors.region}
        />
        <TextInput
          label={t("customers:account.website")}
          maxLength={300}
          value={fields.website}
          onChange={(e) => set({ website: e.currentTarget.value })}
          error={errors.website}
        />
      </SimpleGrid>
      <Textarea
        label={t("customers:account.notes")}
        autosize
        minRows={2}
        maxLength={20_000}
        value={fields.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        error={errors.notes}
      />
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

export const emptyAccount = (cellId: string): AccountFields => ({
  cellId,
  name: "",
  industry: "",
  size: "unknown",
  region: "",
  website: "",
  notes: "",
});
