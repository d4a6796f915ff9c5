import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { Service, ServiceInput } from "../../../shared/system.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../ui/format.ts";
import { WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors } from "../../ui/notify.tsx";
import { useSession } from "../../ui/session.tsx";
import { useAllCells } from "../org/queries.ts";
import { TooFew, useDays } from "./LeadTimeFigure.tsx";
import { useServices, useSystemWrite } from "./queries.ts";
import { SystemNav } from "./SystemRoutes.tsx";

/** The catalogue of the centre cells (PRODUCT.md rule 7), grouped by cell, with k-suppressed figures. */
export function ServicesPage() {
  const { t } = useTranslation("system");
  const services = useServices();
  const session = useSession();
  const cells = useAllCells();
  const myCentreCells = (cells.data ?? []).filter(
    (c) => c.kind === "centre" && session.person.cellIds.includes(c.id),
  );
  const [creating, setCreating] = useState(false);
  const days = useDays();
  if (services.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (services.isError) return <Alert color="red">{services.error.message}</Alert>;
  const { items, minGroupSize: k } = services.data;
  const byCell = new Map<string, Service[]>();
  for (const s of items) byCell.set(s.cell.id, [...(byCell.get(s.cell.id) ?? []), s]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("system:services.title")}</Title>
        {myCentreCells.length > 0 && !creating && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t("system:services.new")}
          </Button>
        )}
      </Group>
      <SystemNav />
      <Text>{t("system:services.intro", { k })}</Text>
      {creating && <ServiceForm cells={myCentreCells} onClose={() => setCreating(false)} />}
      {items.length === 0 && <Text>{t("system:services.empty")}</Text>}
      {[...byCell.values()].map((services) => (
        <Stack
          key={services[0].cell.id}
          component="section"
          aria-labelledby={`cell-${services[0].cell.id}`}
          gap="xs"
        >
          <Title order={2} size="h3" id={`cell-${services[0].cell.id}`}>
            {services[0].cell.name}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {services.map((s) => (
              <Card key={s.id} withBorder>
                <Stack gap={6}>
                  <Anchor component={Link} to={`/system/services/${s.id}`} fw={600}>
                    {s.name}
                  </Anchor>
                  <Text size="sm" lineClamp={3}>
                    {s.description}
                  </Text>
                  <Text size="sm">{t("system:services.typical", { count: s.typicalLeadDays })}</Text>
                  <Text size="sm">
                    <strong>{t("system:services.leadTime")}:</strong>{" "}
                    {s.figures.leadTime.tooFewToShow
                      ? t("system:figure.tooFew")
                      : `${t("system:figure.median")} ${days(s.figures.leadTime.medianDays)}`}
                  </Text>
                  <Text size="sm" component="div">
                    <strong>{t("system:figure.rating")}:</strong>{" "}
                    {s.figures.rating.tooFewToShow
                      ? t("system:figure.tooFew")
                      : t("system:figure.ratingMean", {
                          mean: formatNumber(s.figures.rating.mean, { maximumFractionDigits: 1 }),
                          count: formatNumber(s.figures.rating.count),
                        })}
                  </Text>
                  {s.figures.open > 0 && (
                    <Text size="sm">
                      {t("system:services.open", {
                        count: s.figures.open,
                        formatted: formatNumber(s.figures.open),
                      })}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
      {items.length > 0 && items.every((s) => s.figures.leadTime.tooFewToShow) && <TooFew k={k} />}
    </Stack>
  );
}

export function ServiceForm({
  cells,
  service,
  onClose,
}: {
  cells: { id: string; name: string }[];
  service?: Service;
  onClose: () => void;
}) {
  const { t } = useTranslation("system");
  const navigate = useNavigate();
  const [input, setInput] = useState<ServiceInput>({
    cellId: service?.cell.id ?? cells[0]?.id ?? "",
    name: service?.name ?? "",
    description: service?.description ?? "",
    howToAsk: service?.howToAsk ?? "",
    typicalLeadDays: service?.typicalLeadDays ?? 3,
  });
  const save = useSystemWrite(
    (body: ServiceInput) => {
      if (!service) return api.post<Service>("/system/services", body);
      const { cellId: _, ...patch } = body;
      return api.patch<Service>(`/system/services/${service.id}`, { ...patch, version: service.version });
    },
    {
      success: service ? t("system:services.saved") : t("system:services.created"),
      onDone: (saved) => {
        onClose();
        if (!service) navigate(`/system/services/${saved.id}`);
      },
    },
  );
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(input);
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="service-form-title">
      <Stack>
        <Title order={2} size="h3" id="service-form-title">
          {service ? t("system:services.edit") : t("system:services.new")}
        </Title>
        {!service && (
          <Select
            label={t("system:services.cell")}
            data={cells.map((c) => ({ value: c.id, label: c.name }))}
            value={input.cellId}
            onChange={(value) => setInput((i) => ({ ...i, cellId: value ?? "" }))}
            allowDeselect={false}
            error={errors.cellId}
          />
        )}
        <TextInput
          label={t("system:services.name")}
          required
          value={input.name}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, name: value }));
          }}
          error={errors.name}
        />
        <Textarea
          label={t("system:services.description")}
          required
          autosize
          minRows={2}
          value={input.description}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, description: value }));
          }}
          error={errors.description}
        />
        <Textarea
          label={t("system:services.howToAsk")}
          required
          autosize
          minRows={2}
          value={input.howToAsk}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, howToAsk: value }));
          }}
          error={errors.howToAsk}
        />
        <WholeNumberField
          label={t("system:services.typicalLeadDays")}
          max={365}
          value={input.typicalLeadDays}
          onChange={(value) => setInput((i) => ({ ...i, typicalLeadDays: value ?? 0 }))}
          error={errors.typicalLeadDays}
          maw={240}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {service ? t("system:services.save") : t("system:services.create")}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t("system:raise.cancel")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
