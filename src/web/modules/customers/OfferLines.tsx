import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../shared/customers/offers.ts";
import { lineTotal } from "../../../shared/offerMath.ts";
import { MoneyField, PercentField, QuantityField } from "../../ui/NumberField.tsx";
import { formatMinor } from "./money.ts";

export type LineDraft = {
  key: string;
  productId: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  unitCost: number | null;
  discountBps: number;
};

let nextKey = 0;
export const newLineKey = () => `line-${nextKey++}`;

type Props = {
  lines: LineDraft[];
  currency: string;
  products: Product[];
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (lines: LineDraft[]) => void;
};

/** The offer's lines: optional product from the price list, description, quantity, price, discount. */
export function OfferLines({ lines, currency, products, readOnly, errors, onChange }: Props) {
  const { t } = useTranslation("customers");
  const update = (index: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const usable = products.filter((product) => product.active && product.currency === currency);

  return (
    <Stack gap="sm">
      {lines.map((line, index) => {
        const position = index + 1;
        const fieldError = (name: string) => errors[`lines.${index}.${name}`];
        return (
          <Paper key={line.key} withBorder p="sm" role="group" aria-labelledby={`${line.key}-title`}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm" id={`${line.key}-title`}>
                {t("customers:offer.line", { position })}
              </Text>
              {!readOnly && lines.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("customers:offer.removeLine", { position })}
                  onClick={() => onChange(lines.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
              {usable.length > 0 && !readOnly && (
                <NativeSelect
                  label={t("customers:offer.product")}
                  value={line.productId ?? ""}
                  onChange={(e) => {
                    const product = usable.find((p) => p.id === e.currentTarget.value);
                    update(
                      index,
                      product
                        ? {
                            productId: product.id,
                            description: product.name,
                            unitPrice: product.unitPrice,
                            unitCost: product.unitCost,
                          }
                        : { productId: null },
                    );
                  }}
                  data={[
                    { value: "", label: t("customers:offer.noProduct") },
                    ...usable.map((p) => ({ value: p.id, label: p.name })),
                  ]}
                />
              )}
              <TextInput
                label={t("customers:offer.description")}
                required
                maxLength={500}
                readOnly={readOnly}
                value={line.description}
                onChange={(e) => update(index, { description: e.currentTarget.value })}
                error={fieldError("description")}
              />
              <QuantityField
                label={t("customers:offer.quantity")}
                required
                min={1}
                readOnly={readOnly}
                value={line.quantity}
                onChange={(quantity) => update(index, { quantity: quantity ?? 0 })}
                error={fieldError("quantity")}
              />
              <MoneyField
                label={t("customers:offer.unitPrice", { currency })}
                required
                currency={currency}
                readOnly={readOnly}
                value={line.unitPrice}
                onChange={(unitPrice) => update(index, { unitPrice: unitPrice ?? 0 })}
                error={fieldError("unitPrice")}
              />
              <PercentField
                label={t("customers:offer.discount")}
                readOnly={readOnly}
                value={line.discountBps}
                onChange={(discountBps) => update(index, { discountBps: discountBps ?? 0 })}
                error={fieldError("discountBps")}
              />
              <Stack gap={2} justify="flex-end">
                <Text size="sm" fw={500}>
                  {t("customers:offer.lineTotal")}
                </Text>
                <Text fw={600} data-testid={`line-total-${position}`}>
                  {formatMinor(safeLineTotal(line), currency)}
                </Text>
              </Stack>
            </SimpleGrid>
          </Paper>
        );
      })}
      {!readOnly && (
        <Button
          variant="light"
          w="fit-content"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            onChange([
              ...lines,
              {
                key: newLineKey(),
                productId: null,
                description: "",
                quantity: 1,
                unitPrice: 0,
                unitCost: null,
                discountBps: 0,
              },
            ])
          }
        >
          {t("customers:offer.addLine")}
        </Button>
      )}
    </Stack>
  );
}

/** Half-typed input (a discount above 100 %, a negative quantity) shows 0 until it is valid. */
export function safeLineTotal(line: LineDraft): number {
  if (line.quantity < 0 || line.discountBps < 0 || line.discountBps > 10_000) return 0;
  return lineTotal(line);
}
