import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { EndObstacleInput, Obstacle } from "../../../shared/system.ts";
import { api } from "../../api.ts";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { useAllCells } from "../org/queries.ts";
import { useDays } from "./LeadTimeFigure.tsx";
import { useDecidedProposals, useObstacle, useSystemWrite } from "./queries.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { SystemNav } from "./SystemRoutes.tsx";

export function ObstaclePage() {
  const { t } = useTranslation("system");
  const { obstacleId = "" } = useParams();
  const obstacle = useObstacle(obstacleId);
  if (obstacle.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (obstacle.isError) return <Alert color="red">{obstacle.error.message}</Alert>;
  return <ObstacleView obstacle={obstacle.data} />;
}

function ObstacleView({ obstacle: o }: { obstacle: Obstacle }) {
  const { t } = useTranslation("system");
  const days = useDays();
  const cells = useAllCells();
  const cellName = (id: string) => cells.data?.find((c) => c.id === id)?.name ?? "";
  const url = `/system/obstacles/${o.id}`;
  const affects = useSystemWrite((cellId: string) => api.post<Obstacle>(`${url}/affects`, { cellId }), {
    success: t("system:obstacle.added"),
  });
  const takeUp = useSystemWrite(() => api.post<Obstacle>(`${url}/take-up`, { version: o.version }), {
    success: t("system:obstacle.takenUp"),
  });

  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/system" size="sm">
        {t("system:obstacle.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{o.title}</Title>
        <StatusBadge status={o.status} />
      </Group>
      <SystemNav />
      <Text size="sm">
        {t("system:obstacle.raisedOn", { date: formatDate(o.createdAt) })}
        {o.raisedBy && ` ${t("system:obstacle.by", { name: o.raisedBy.name })}`}{" "}
        {o.cell ? t("system:obstacle.forCell", { cell: o.cell.name }) : t("system:obstacle.forAll")}
        {o.fromSession && ` · ${t("system:obstacle.fromSession")}`}
      </Text>
      <Text className="system-text">{o.body}</Text>
      {o.place && (
        <Text>
          <strong>{t("system:obstacle.where")}:</strong> {o.place}
        </Text>
      )}
      {o.example && (
        <Text className="system-text">
          <strong>{t("system:obstacle.example")}:</strong> {o.example}
        </Text>
      )}

      <Card withBorder component="section" aria-labelledby="affected-title">
        <Stack gap="xs">
          <Title order={2} size="h4" id="affected-title">
            {t("system:obstacle.affected")}
          </Title>
          {o.affectedCells.length === 0 ? (
            <Text size="sm">{t("system:obstacle.noneAffected")}</Text>
          ) : (
            <Stack component="ul" gap={2} m={0} pl="md">
              {o.affectedCells.map((cell) => (
                <li key={cell.id}>
                  <Anchor component={Link} to={`/cells/${cell.id}`}>
                    {cell.name}
                  </Anchor>{" "}
                  <Text span size="sm" c="gray.7">
                    ({formatDate(cell.addedAt)})
                  </Text>
                </li>
              ))}
            </Stack>
          )}
          <Group gap="xs">
            {o.abilities.affectCellIds.map((cellId) => (
              <Button
                key={cellId}
                variant="light"
                size="sm"
                loading={affects.isPending && affects.variables === cellId}
                onClick={() => affects.mutate(cellId)}
              >
                {o.abilities.affectCellIds.length === 1
                  ? t("system:obstacle.addAffects")
                  : t("system:obstacle.addAffectsFor", { cell: cellName(cellId) })}
              </Button>
            ))}
          </Group>
        </Stack>
      </Card>

      {o.takenUpBy && o.takenUpAt && (
        <Text>
          {t("system:obstacle.takenUpBy", { name: o.takenUpBy.name, date: formatDate(o.takenUpAt) })}
        </Text>
      )}
      {o.abilities.takeUp && (
        <Group>
          <Button onClick={() => takeUp.mutate(undefined)} loading={takeUp.isPending}>
            {t("system:obstacle.takeUp")}
          </Button>
        </Group>
      )}
      {o.endedAt && o.leadDays !== null && (
        <Card withBorder component="section" aria-labelledby="outcome-title">
          <Stack gap="xs">
            <Title order={2} size="h4" id="outcome-title">
              {t(`system:status.${o.status}`)}
            </Title>
            <Text>
              {t("system:obstacle.endedOn", { date: formatDate(o.endedAt), days: days(o.leadDays) })}
            </Text>
            <Text className="system-text">{o.outcome}</Text>
            {o.decision && (
              <Text>
                {t("system:obstacle.changedBy")}:{" "}
                <Anchor component={Link} to={`/decisions/${o.decision.id}`}>
                  {o.decision.title ?? o.decision.id}
                </Anchor>
              </Text>
            )}
          </Stack>
        </Card>
      )}
      {o.abilities.end && <EndForm obstacle={o} />}
    </Stack>
  );
}

function EndForm({ obstacle }: { obstacle: Obstacle }) {
  const { t } = useTranslation("system");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const decisions = useDecidedProposals(q);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const [outcome, setOutcome] = useState<"changed" | "declined">("changed");
  const [text, setText] = useState("");
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const end = useSystemWrite(
    (input: EndObstacleInput) => api.post<Obstacle>(`/system/obstacles/${obstacle.id}/end`, input),
    { success: t("system:obstacle.ended") },
  );
  const errors = fieldErrors(end.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    end.mutate({
      outcome,
      text,
      decisionId: outcome === "changed" ? decisionId : null,
      version: obstacle.version,
    });
  };
  // The decision log searches on the server; the chosen one stays an option while the search changes.
  const found = (decisions.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }));
  const options = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="end-title">
      <Stack>
        <Title order={2} size="h4" id="end-title">
          {t("system:obstacle.end")}
        </Title>
        <Radio.Group
          label={t("system:obstacle.outcome")}
          value={outcome}
          onChange={(value) => setOutcome(value as "changed" | "declined")}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="changed" label={t("system:obstacle.changed")} />
            <Radio value="declined" label={t("system:obstacle.declined")} />
          </Stack>
        </Radio.Group>
        <Textarea
          label={outcome === "changed" ? t("system:obstacle.whatChanged") : t("system:obstacle.why")}
          required
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text}
        />
        {outcome === "changed" && (
          <>
            <Select
              label={t("system:obstacle.decision")}
              description={t("system:obstacle.decisionHelp")}
              searchable
              required
              data={options}
              value={decisionId}
              onChange={(value, option) => {
                setDecisionId(value);
                setChosen(value ? option : null);
              }}
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              nothingFoundMessage={t("system:obstacle.noDecisions")}
              error={errors.decisionId}
            />
            <Anchor component={Link} to="/system/conditions" size="sm">
              {t("system:obstacle.propose")}
            </Anchor>
          </>
        )}
        <Group>
          <Button type="submit" loading={end.isPending}>
            {t("system:obstacle.endSubmit")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
