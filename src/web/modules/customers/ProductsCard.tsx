import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Product } from "../../../shared/customers/offers.ts";
import { api } from "../../api.ts";
import { MoneyField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useOrganisation } from "../../ui/session.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { CURRENCIES } from "./DealForm.tsx";
import { notifySaveError } from "./feedback.tsx";
import { formatMinor } from "./money.ts";
import { customerKeys, useProducts } from "./queries.ts";

type Fields = Pick<Product, "name" | "unit" | "unitPrice" | "unitCost" | "currency" | "active">;

/** The organisation's price list; using it in an offer is optional. */
export function ProductsCard() {
  const { t } = useTranslation("customers");
  const organisation = useOrganisation();
  const products = useProducts();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.products });

  const save = useMutation({
    mutationFn: (fields: Fields) =>
      editing === "new" || editing === null
        ? api.post<Product>("/products", fields)
        : api.patch<Product>(`/products/${editing.id}`, {
            ...fields,
            version: products.data?.find((p) => p.id === editing.id)?.version ?? editing.version,
          }),
    onSuccess: (product) => {
      reload();
      notifySuccess(t("customers:products.saved", { name: product.name }));
      setEditing(null);
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const remove = useMutation({
    mutationFn: (product: Product) => api.delete(`/products/${product.id}`),
    onSuccess: () => {
      reload();
      notifySuccess(t("customers:products.deleted"));
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Card withBorder component="section" aria-labelledby="products-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="products-title">
          {t("customers:products.title")}
        </Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setEditing("new")}
        >
          {t("customers:products.add")}
        </Button>
      </Group>
      <Text size="sm" mb="sm">
        {t("customers:products.intro")}
      </Text>
      {products.isError && <Alert color="red">{products.error.message}</Alert>}
      {products.data && products.data.length === 0 && <Text size="sm">{t("customers:products.empty")}</Text>}
      {products.data && products.data.length > 0 && (
        <TableScroll label={t("customers:products.title")} minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers:products.name")}</Table.Th>
                <Table.Th>{t("customers:products.unit")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("customers:products.price")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("customers:products.cost")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("common.actions", { ns: "translation" })}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.data.map((product) => (
                <Table.Tr key={product.id}>
                  <Table.Td>
                    {product.name}{" "}
                    {!product.active && (
                      <Badge size="xs" color="gray" variant="light">
                        {t("customers:products.inactive")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{product.unit || "—"}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>
                    {formatMinor(product.unitPrice, product.currency)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>
                    {product.unitCost === null ? "—" : formatMinor(product.unitCost, product.currency)}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t("customers:products.edit", { name: product.name })}
                        onClick={() => setEditing(product)}
                      >
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("customers:products.delete", { name: product.name })}
                        onClick={() => remove.mutate(product)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("customers:products.add") : t("customers:products.editTitle")}
        closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
      >
        {editing !== null && (
          <ProductForm
            initial={
              editing === "new"
                ? {
                    name: "",
                    unit: "",
                    unitPrice: 0,
                    unitCost: null,
                    currency: organisation.currency,
                    active: true,
                  }
                : editing
            }
            pending={save.isPending}
            errors={fieldErrors(save.error)}
            onSubmit={(fields) => save.mutate(fields)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Card>
  );
}

function ProductForm({
  initial,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: Fields;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (fields: Fields) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("customers");
  const [fields, setFields] = useState<Fields>({
    name: initial.name,
    unit: initial.unit,
    unitPrice: initial.unitPrice,
    unitCost: initial.unitCost,
    currency: initial.currency,
    active: initial.active,
  });
  const set = (patch: Partial<Fields>) => setFields((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(fields);
  };
  return (
    <Stack component="form" gap="sm" onSubmit={submit}>
      <TextInput
        label={t("customers:products.name")}
        required
        maxLength={200}
        value={fields.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput
          label={t("customers:products.unit")}
          maxLength={40}
          value={fields.unit}
          onChange={(e) => set({ unit: e.currentTarget.value })}
          error={errors.unit}
        />
        <NativeSelect
          label={t("customers:deal.currency")}
          value={fields.currency}
          onChange={(e) => set({ currency: e.currentTarget.value as Fields["currency"] })}
          data={[...CURRENCIES]}
        />
        <MoneyField
          label={t("customers:products.price")}
          required
          currency={fields.currency}
          value={fields.unitPrice}
          onChange={(unitPrice) => set({ unitPrice: unitPrice ?? 0 })}
          error={errors.unitPrice}
        />
        <MoneyField
          label={t("customers:products.cost")}
          description={t("customers:products.costHelp")}
          currency={fields.currency}
          value={fields.unitCost}
          onChange={(unitCost) => set({ unitCost })}
          error={errors.unitCost}
        />
      </SimpleGrid>
      <Checkbox
        label={t("customers:products.active")}
        checked={fields.active}
        onChange={(e) => set({ active: e.currentTarget.checked })}
      />
      <Group>
        <Button type="submit" loading={pending}>
          {t("common.save", { ns: "translation" })}
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          {t("common.cancel", { ns: "translation" })}
        </Button>
      </Group>
    </Stack>
  );
}
