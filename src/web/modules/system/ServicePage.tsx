import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { RequestInput, Service, ServiceRequest } from "../../../shared/system.ts";
import { api } from "../../api.ts";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { LoadMore } from "../../ui/paged.tsx";
import { useAllCells } from "../org/queries.ts";
import { LeadTimeFigure, RatingText } from "./LeadTimeFigure.tsx";
import { useRequests, useService, useServices, useSystemWrite } from "./queries.ts";
import { ServiceForm } from "./ServicesPage.tsx";
import { StatusBadge } from "./StatusBadge.tsx";
import { SystemNav } from "./SystemRoutes.tsx";

export function ServicePage() {
  const { t } = useTranslation("system");
  const { serviceId = "" } = useParams();
  const service = useService(serviceId);
  if (service.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (service.isError) return <Alert color="red">{service.error.message}</Alert>;
  return <ServiceView service={service.data} />;
}

function ServiceView({ service: s }: { service: Service }) {
  const { t } = useTranslation("system");
  const catalogue = useServices();
  const k = catalogue.data?.minGroupSize ?? 5;
  const [editing, setEditing] = useState(false);
  return (
    <Stack maw={960}>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{s.name}</Title>
        {s.abilities.edit && !editing && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t("system:services.edit")}
          </Button>
        )}
      </Group>
      <SystemNav />
      <Text>
        <Anchor component={Link} to={`/cells/${s.cell.id}`}>
          {s.cell.name}
        </Anchor>
        {" · "}
        {t("system:services.typical", { count: s.typicalLeadDays })}
      </Text>
      {editing ? (
        <ServiceForm cells={[s.cell]} service={s} onClose={() => setEditing(false)} />
      ) : (
        <>
          <Text className="system-text">{s.description}</Text>
          <Text className="system-text">
            <strong>{t("system:services.howToAsk")}:</strong> {s.howToAsk}
          </Text>
        </>
      )}
      <Card withBorder component="section" aria-labelledby="service-figures">
        <Stack>
          <Title order={2} size="h3" id="service-figures">
            {t("system:services.leadTime")}
          </Title>
          <LeadTimeFigure figure={s.figures.leadTime} k={k} title={t("system:services.leadTime")} />
          <Title order={3} size="h4">
            {t("system:figure.rating")}
          </Title>
          <RatingText figure={s.figures.rating} k={k} />
        </Stack>
      </Card>
      {s.abilities.requestCellIds.length > 0 ? (
        <RequestForm service={s} />
      ) : (
        <Text size="sm" c="gray.7">
          {t("system:request.noPeripheryCell")}
        </Text>
      )}
      <RequestList serviceId={s.id} />
    </Stack>
  );
}

function RequestForm({ service }: { service: Service }) {
  const { t } = useTranslation("system");
  const navigate = useNavigate();
  const cells = useAllCells();
  const [input, setInput] = useState<RequestInput>({
    cellId: service.abilities.requestCellIds[0],
    title: "",
    body: "",
  });
  const send = useSystemWrite(
    (body: RequestInput) => api.post<ServiceRequest>(`/system/services/${service.id}/requests`, body),
    { success: t("system:request.sent"), onDone: (r) => navigate(`/system/requests/${r.id}`) },
  );
  const errors = fieldErrors(send.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(input);
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="request-title">
      <Stack>
        <Title order={2} size="h3" id="request-title">
          {t("system:request.new")}
        </Title>
        <Select
          label={t("system:request.cell")}
          data={service.abilities.requestCellIds.map((id) => ({
            value: id,
            label: cells.data?.find((c) => c.id === id)?.name ?? id,
          }))}
          value={input.cellId}
          onChange={(value) => setInput((i) => ({ ...i, cellId: value ?? i.cellId }))}
          allowDeselect={false}
          error={errors.cellId}
        />
        <TextInput
          label={t("system:request.title")}
          required
          value={input.title}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, title: value }));
          }}
          error={errors.title}
        />
        <Textarea
          label={t("system:request.body")}
          autosize
          minRows={2}
          value={input.body}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, body: value }));
          }}
          error={errors.body}
        />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {t("system:request.submit")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function RequestList({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation("system");
  const requests = useRequests({ serviceId });
  if (requests.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (requests.isError) return <Alert color="red">{requests.error.message}</Alert>;
  const items = requests.data.pages.flatMap((p) => p.items);
  return (
    <Stack component="section" aria-labelledby="request-list" gap="xs">
      <Title order={2} size="h3" id="request-list">
        {t("system:request.list")}
      </Title>
      {items.length === 0 && <Text>{t("system:request.empty")}</Text>}
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((r) => (
          <Paper component="li" key={r.id} withBorder p="sm">
            <Group justify="space-between" wrap="wrap">
              <Stack gap={2}>
                <Anchor component={Link} to={`/system/requests/${r.id}`} fw={600}>
                  {r.title}
                </Anchor>
                <Text size="sm">
                  {r.requestingCell.name} · {formatDate(r.createdAt)}
                </Text>
              </Stack>
              <StatusBadge status={r.status} />
            </Group>
          </Paper>
        ))}
      </Stack>
      <LoadMore read={requests} label={t("system:board.more")} />
    </Stack>
  );
}
