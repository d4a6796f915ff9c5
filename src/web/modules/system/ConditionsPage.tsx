import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type {
  ConditionProposalInput,
  FrameworkCondition,
  RegisterGuardrail,
} from "../../../shared/system.ts";
import { api } from "../../api.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { useConditions, useSystemWrite } from "./queries.ts";
import { SystemNav } from "./SystemRoutes.tsx";

/** The framework conditions register: read by everyone, changed only through a consent decision. */
export function ConditionsPage() {
  const { t } = useTranslation("system");
  const register = useConditions();
  const [proposing, setProposing] = useState<FrameworkCondition | "new" | null>(null);
  if (register.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (register.isError) return <Alert color="red">{register.error.message}</Alert>;
  const { conditions, guardrails, openNewProposals } = register.data;
  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1}>{t("system:conditions.title")}</Title>
        {proposing === null && (
          <Button variant="light" onClick={() => setProposing("new")}>
            {t("system:conditions.proposeNew")}
          </Button>
        )}
      </Group>
      <SystemNav />
      <Text>{t("system:conditions.intro")}</Text>
      <Alert color="gray" variant="light">
        {t("system:conditions.onlyConsent")}
      </Alert>
      {proposing === "new" && <ProposeForm condition={null} onClose={() => setProposing(null)} />}
      {openNewProposals.length > 0 && (
        <Text size="sm">
          {t("system:conditions.openProposals")}:{" "}
          {openNewProposals.map((p, i) => (
            <span key={p.id}>
              {i > 0 && ", "}
              <Anchor component={Link} to={`/decisions/${p.id}`}>
                {p.title}
              </Anchor>
            </span>
          ))}
        </Text>
      )}
      {conditions.length === 0 && <Text>{t("system:conditions.empty")}</Text>}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
        {conditions.map((c) => (
          <Card component="li" key={c.id} withBorder id={`condition-${c.id}`}>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {c.title}
              </Title>
              <Text className="system-text">{c.body}</Text>
              <Text size="sm" className="system-text">
                <strong>{t("system:conditions.why")}:</strong> {c.why}
              </Text>
              <Text size="sm">
                {t("system:conditions.since", { date: formatDate(c.since) })}
                {" · "}
                {c.setBy ? (
                  <>
                    {t("system:conditions.setBy")}:{" "}
                    <Anchor component={Link} to={`/decisions/${c.setBy.id}`}>
                      {c.setBy.title ?? c.setBy.id}
                    </Anchor>
                  </>
                ) : (
                  t("system:conditions.beforeRegister")
                )}
              </Text>
              {c.openProposals.length > 0 && (
                <Text size="sm">
                  {t("system:conditions.openProposals")}:{" "}
                  {c.openProposals.map((p, i) => (
                    <span key={p.id}>
                      {i > 0 && ", "}
                      <Anchor component={Link} to={`/decisions/${p.id}`}>
                        {p.title}
                      </Anchor>
                    </span>
                  ))}
                </Text>
              )}
              {proposing === c ? (
                <ProposeForm condition={c} onClose={() => setProposing(null)} />
              ) : (
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setProposing(c)}
                    aria-label={`${t("system:conditions.proposeChange")}: ${c.title}`}
                  >
                    {t("system:conditions.proposeChange")}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
      <Guardrails guardrails={guardrails} />
    </Stack>
  );
}

function Guardrails({ guardrails }: { guardrails: RegisterGuardrail[] }) {
  const { t } = useTranslation("system");
  if (guardrails.length === 0) return null;
  const value = (g: RegisterGuardrail) =>
    g.kind === "paymentTerms"
      ? t("system:guardrail.days", { value: formatNumber(g.limitValue) })
      : t("system:guardrail.percent", {
          value: formatNumber(g.limitValue / 100, { maximumFractionDigits: 2 }),
        });
  return (
    <Stack component="section" aria-labelledby="guardrails-title" gap="xs">
      <Title order={2} size="h3" id="guardrails-title">
        {t("system:conditions.guardrails")}
      </Title>
      <Text size="sm">{t("system:conditions.guardrailsIntro")}</Text>
      <TableScroll label={t("system:conditions.guardrails")} minWidth={560}>
        <Table striped withTableBorder>
          <Table.Caption>{t("system:conditions.guardrails")}</Table.Caption>
          <Table.Tbody>
            {guardrails.map((g) => (
              <Table.Tr key={g.kind}>
                <Table.Th scope="row">{t(`system:guardrail.${g.kind}`)}</Table.Th>
                <Table.Td>{value(g)}</Table.Td>
                <Table.Td>{g.why}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/decisions?linkType=guardrail&linkId=${g.kind}`}>
                    {t("system:conditions.since", { date: formatDate(g.since) })}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function ProposeForm({ condition, onClose }: { condition: FrameworkCondition | null; onClose: () => void }) {
  const { t } = useTranslation("system");
  const navigate = useNavigate();
  const [input, setInput] = useState<ConditionProposalInput>({
    conditionId: condition?.id ?? null,
    title: condition?.title ?? "",
    body: condition?.body ?? "",
    why: "",
    impact: "medium",
  });
  const propose = useSystemWrite(
    (body: ConditionProposalInput) => api.post<{ proposalId: string }>("/system/conditions/proposals", body),
    {
      success: t("system:conditions.proposed"),
      onDone: ({ proposalId }) => navigate(`/decisions/${proposalId}`),
    },
  );
  const errors = fieldErrors(propose.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate(input);
  };
  const id = condition ? `propose-${condition.id}` : "propose-new";
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby={id}>
      <Stack>
        <Title order={3} size="h4" id={id}>
          {condition ? t("system:conditions.proposeChange") : t("system:conditions.proposeNew")}
        </Title>
        <TextInput
          label={t("system:conditions.proposeTitle")}
          required
          value={input.title}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, title: value }));
          }}
          error={errors.title}
        />
        <Textarea
          label={t("system:conditions.newBody")}
          required
          autosize
          minRows={3}
          value={input.body}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, body: value }));
          }}
          error={errors.body}
        />
        <Textarea
          label={t("system:conditions.whyField")}
          required
          autosize
          minRows={2}
          value={input.why}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setInput((i) => ({ ...i, why: value }));
          }}
          error={errors.why}
        />
        <Group>
          <Button type="submit" loading={propose.isPending}>
            {t("system:conditions.submit")}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t("system:conditions.cancel")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
