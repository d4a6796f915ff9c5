import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { Obstacle, ObstacleInput, ObstacleStatus } from "../../../shared/system.ts";
import { api } from "../../api.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { LoadMore } from "../../ui/paged.tsx";
import { useSession } from "../../ui/session.tsx";
import { useAllCells } from "../org/queries.ts";
import { LeadTimeFigure, TooFew, useDays } from "./LeadTimeFigure.tsx";
import { useObstacleLeadTimes, useObstacles, useSystemWrite } from "./queries.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { SystemNav } from "./SystemRoutes.tsx";

const STATUSES: ObstacleStatus[] = ["raised", "takenUp", "changed", "declined"];

/** The obstacle board (PRODUCT.md "system"): anyone raises; everyone reads; lead times k-suppressed. */
export function ObstacleBoardPage() {
  const { t } = useTranslation("system");
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get("status"));
  const [raising, setRaising] = useState(params.get("raise") === "1");
  const obstacles = useObstacles({ status });
  const days = useDays();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("system:board.title")}</Title>
        {!raising && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRaising(true)}>
            {t("system:board.raise")}
          </Button>
        )}
      </Group>
      <SystemNav />
      <Text>{t("system:board.intro")}</Text>
      {raising && <RaiseForm onClose={() => setRaising(false)} />}
      <NativeSelect
        label={t("system:board.filterStatus")}
        maw={260}
        value={status ?? ""}
        onChange={(e) => setParams(e.currentTarget.value ? { status: e.currentTarget.value } : {})}
        data={[
          { value: "", label: t("system:board.allStatuses") },
          ...STATUSES.map((s) => ({ value: s, label: t(`system:status.${s}`) })),
        ]}
      />
      {obstacles.isPending ? (
        <Loader aria-label={t("common.loading", { ns: "translation" })} />
      ) : obstacles.isError ? (
        <Alert color="red">{obstacles.error.message}</Alert>
      ) : obstacles.data.pages[0].items.length === 0 ? (
        <Text>{t("system:board.empty")}</Text>
      ) : (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: "none" }}
          aria-label={t("system:board.title")}
        >
          {obstacles.data.pages
            .flatMap((page) => page.items)
            .map((o) => (
              <Paper component="li" key={o.id} withBorder p="sm">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/system/obstacles/${o.id}`} fw={600}>
                      {o.title}
                    </Anchor>
                    <Text size="sm">
                      {o.cell
                        ? t("system:board.raisedBy", { cell: o.cell.name })
                        : t("system:board.raisedForAll")}
                      {" · "}
                      {formatDate(o.createdAt)}
                      {o.affectedCount > 0 && ` · ${t("system:board.affects", { count: o.affectedCount })}`}
                      {o.leadDays !== null && ` · ${t("system:board.leadDays", { days: days(o.leadDays) })}`}
                    </Text>
                  </Stack>
                  <StatusBadge status={o.status} />
                </Group>
              </Paper>
            ))}
        </Stack>
      )}
      <LoadMore read={obstacles} label={t("system:board.more")} />
      <LeadTimes />
    </Stack>
  );
}

function LeadTimes() {
  const { t } = useTranslation("system");
  const leadTimes = useObstacleLeadTimes();
  const days = useDays();
  if (leadTimes.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (leadTimes.isError) return <Alert color="red">{leadTimes.error.message}</Alert>;
  const { organisation, cells, minGroupSize: k, open } = leadTimes.data;
  return (
    <Card withBorder component="section" aria-labelledby="lead-times-title">
      <Stack>
        <Title order={2} size="h3" id="lead-times-title">
          {t("system:board.leadTimes")}
        </Title>
        <Text size="sm">
          {t("system:board.leadTimesIntro", { k })}{" "}
          {t("system:board.open", { count: open, formatted: formatNumber(open) })}
        </Text>
        <Title order={3} size="h4">
          {t("system:board.organisation")}
        </Title>
        <LeadTimeFigure figure={organisation} k={k} title={t("system:board.organisation")} />
        {cells.length > 0 && (
          <>
            <Title order={3} size="h4">
              {t("system:board.perCell")}
            </Title>
            <Table striped withTableBorder>
              <Table.Caption>{t("system:board.perCell")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("system:figure.cell")}</Table.Th>
                  <Table.Th scope="col">{t("system:figure.median")}</Table.Th>
                  <Table.Th scope="col">{t("system:figure.count")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cells.map(({ cell, leadTime }) => (
                  <Table.Tr key={cell.id}>
                    <Table.Td>{cell.name}</Table.Td>
                    {leadTime.tooFewToShow ? (
                      <Table.Td colSpan={2}>{t("system:figure.tooFew")}</Table.Td>
                    ) : (
                      <>
                        <Table.Td>{days(leadTime.medianDays)}</Table.Td>
                        <Table.Td>{formatNumber(leadTime.count)}</Table.Td>
                      </>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {cells.every((c) => c.leadTime.tooFewToShow) && <TooFew k={k} />}
          </>
        )}
      </Stack>
    </Card>
  );
}

function RaiseForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation("system");
  const navigate = useNavigate();
  const session = useSession();
  const cells = useAllCells();
  const mine = (cells.data ?? []).filter((c) => session.person.cellIds.includes(c.id));
  const [input, setInput] = useState<ObstacleInput>({
    title: "",
    body: "",
    place: "",
    example: "",
    cellId: session.person.cellIds[0] ?? null,
  });
  const raise = useSystemWrite((body: ObstacleInput) => api.post<Obstacle>("/system/obstacles", body), {
    success: t("system:raise.done"),
    onDone: (obstacle) => navigate(`/system/obstacles/${obstacle.id}`),
  });
  const errors = fieldErrors(raise.error);
  const set = (key: keyof ObstacleInput) => (value: string | null) =>
    setInput((i) => ({ ...i, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    raise.mutate(input);
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="raise-title">
      <Stack>
        <Title order={2} size="h3" id="raise-title">
          {t("system:raise.title")}
        </Title>
        <TextInput
          label={t("system:raise.what")}
          required
          maxLength={200}
          value={input.title}
          onChange={(e) => set("title")(e.currentTarget.value)}
          error={errors.title}
        />
        <Textarea
          label={t("system:raise.body")}
          required
          autosize
          minRows={3}
          value={input.body}
          onChange={(e) => set("body")(e.currentTarget.value)}
          error={errors.body}
        />
        <TextInput
          label={t("system:raise.place")}
          value={input.place}
          onChange={(e) => set("place")(e.currentTarget.value)}
          error={errors.place}
        />
        <Textarea
          label={t("system:raise.example")}
          autosize
          minRows={2}
          value={input.example}
          onChange={(e) => set("example")(e.currentTarget.value)}
          error={errors.example}
        />
        <Select
          label={t("system:raise.cell")}
          value={input.cellId ?? ""}
          onChange={(value) => set("cellId")(value || null)}
          allowDeselect={false}
          data={[
            ...mine.map((c) => ({ value: c.id, label: c.name })),
            { value: "", label: t("system:raise.forAll") },
          ]}
          error={errors.cellId}
        />
        <Group>
          <Button type="submit" loading={raise.isPending}>
            {t("system:raise.submit")}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t("system:raise.cancel")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
