import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CellInput, CellKind } from "../../../shared/org.ts";

type Props = {
  initial?: CellInput;
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string>;
  readOnly?: boolean;
  onSubmit: (input: CellInput) => void;
  onCancel?: () => void;
};

/** Name, kind, purpose and market slice of a cell; used to create and to edit. */
export function CellForm({ initial, submitLabel, pending, errors, readOnly, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState<CellInput>(
    initial ?? { name: "", kind: "periphery", purpose: "", marketSlice: "" },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(input);
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <TextInput
        label={t("cells.name")}
        required
        maxLength={80}
        value={input.name}
        readOnly={readOnly}
        onChange={(e) => setInput({ ...input, name: e.currentTarget.value })}
        error={errors.name}
      />
      <NativeSelect
        label={t("cells.kindLabel")}
        description={t("cells.kindHelp")}
        value={input.kind}
        disabled={readOnly}
        onChange={(e) => setInput({ ...input, kind: e.currentTarget.value as CellKind })}
        data={[
          { value: "periphery", label: t("cells.kind.periphery") },
          { value: "centre", label: t("cells.kind.centre") },
        ]}
        error={errors.kind}
      />
      <Textarea
        label={t("cells.purpose")}
        autosize
        minRows={2}
        maxLength={2000}
        value={input.purpose}
        readOnly={readOnly}
        onChange={(e) => setInput({ ...input, purpose: e.currentTarget.value })}
        error={errors.purpose}
      />
      <TextInput
        label={t("cells.marketSlice")}
        description={t("cells.marketSliceHelp")}
        maxLength={500}
        value={input.marketSlice}
        readOnly={readOnly}
        onChange={(e) => setInput({ ...input, marketSlice: e.currentTarget.value })}
        error={errors.marketSlice}
      />
      {!readOnly && (
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
