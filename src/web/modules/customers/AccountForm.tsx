import {
  Button,
  Fieldset,
  Grid,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { countryCodes, countryName } from "../../../shared/address.ts";
import type { Account } from "../../../shared/customers/accounts.ts";
import { currentLanguage } from "../../i18n/i18n.ts";
import { useAllCells } from "../org/queries.ts";

// Mirrors ACCOUNT_SIZES in src/shared/customers/accounts.ts; importing it would pull zod into the browser bundle.
const SIZES = ["unknown", "1-9", "10-49", "50-249", "250-999", "1000+"] as const;

export type AccountFields = Pick<
  Account,
  | "name"
  | "industry"
  | "size"
  | "region"
  | "website"
  | "notes"
  | "street"
  | "postalCode"
  | "city"
  | "country"
  | "vatId"
> & {
  cellId: string;
};

/** Every country by its name in the UI's language, for a searchable picker. */
export function useCountryOptions() {
  const language = currentLanguage();
  return useMemo(
    () =>
      countryCodes()
        .map((code) => ({ value: code, label: countryName(code, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );
}

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
  const countries = useCountryOptions();
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
      <Fieldset legend={t("customers:account.address")} variant="unstyled">
        <Stack gap="xs">
          <TextInput
            label={t("customers:account.street")}
            description={t("customers:account.addressHint")}
            autoComplete="off"
            maxLength={200}
            value={fields.street}
            onChange={(e) => set({ street: e.currentTarget.value })}
            error={errors.street}
          />
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, xs: 4 }}>
              <TextInput
                label={t("customers:account.postalCode")}
                maxLength={20}
                value={fields.postalCode}
                onChange={(e) => set({ postalCode: e.currentTarget.value })}
                error={errors.postalCode}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 8 }}>
              <TextInput
                label={t("customers:account.city")}
                maxLength={120}
                value={fields.city}
                onChange={(e) => set({ city: e.currentTarget.value })}
                error={errors.city}
              />
            </Grid.Col>
          </Grid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t("customers:account.country")}
              placeholder={t("customers:account.countryNone")}
              searchable
              clearable
              data={countries}
              value={fields.country || null}
              onChange={(value) => set({ country: value ?? "" })}
              error={errors.country}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              label={t("customers:account.vatId")}
              description={t("customers:account.vatIdHint")}
              maxLength={40}
              value={fields.vatId}
              onChange={(e) => set({ vatId: e.currentTarget.value })}
              error={errors.vatId}
            />
          </SimpleGrid>
        </Stack>
      </Fieldset>
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
  street: "",
  postalCode: "",
  city: "",
  country: "",
  vatId: "",
});
