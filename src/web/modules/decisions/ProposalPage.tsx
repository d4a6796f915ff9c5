import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import type { Proposal, ProposalPatch } from "../../../shared/decisions/proposals.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { formatBps } from "../customers/money.ts";
import { AdviceThread } from "./AdviceThread.tsx";
import { AdviceWindow, AskedCard } from "./Asking.tsx";
import { ConsentRounds } from "./ConsentRounds.tsx";
import { DecisionSection } from "./DecisionSection.tsx";
import { OutcomeReviewSection } from "./OutcomeReviewSection.tsx";
import { KindBadge, LinkList, StatusBadge } from "./ProposalBits.tsx";
import { ProposalFields } from "./ProposalFields.tsx";
import { useProposal } from "./queries.ts";
import { useProposalAction } from "./useProposalAction.ts";

/**
 * One proposal, open to everyone: its text and links, the advice window, who was asked, the advice
 * or the consent rounds, the decision record and the outcome review. Controls come from the
 * proposal's abilities; there is no approve, reject or vote anywhere (PRODUCT.md rule 1).
 */
export function ProposalPage() {
  const { t } = useTranslation("decisions");
  const { proposalId = "" } = useParams();
  const proposal = useProposal(proposalId);
  if (proposal.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (proposal.isError) {
    return (
      <Stack>
        <Alert color="red">{proposal.error.message}</Alert>
        <Anchor component={RouterLink} to="/decisions">
          {t("decisions:proposal.back")}
        </Anchor>
      </Stack>
    );
  }
  const data = proposal.data;
  return (
    <Stack maw={960}>
      <Anchor component={RouterLink} to="/decisions" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden /> {t("decisions:proposal.back")}
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1}>{data.title}</Title>
          <StatusBadge kind={data.kind} status={data.status} />
          <KindBadge kind={data.kind} />
        </Group>
        <Text size="sm" c="dimmed">
          {[
            t("decisions:proposal.by", { name: data.proposer.name, date: formatDate(data.createdAt) }),
            t("decisions:proposal.deciderIs", { name: data.decider.name }),
            `${t("decisions:impact.label")}: ${t(`decisions:impact.${data.impact}`)}`,
            data.cell?.name,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      </Stack>
      <DeciderRequest proposal={data} />
      <ProposalText proposal={data} />
      {data.status === "open" && <AdviceWindow proposal={data} />}
      <AskedCard proposal={data} />
      {data.kind === "advice" ? <AdviceThread proposal={data} /> : <ConsentRounds proposal={data} />}
      <DecisionSection proposal={data} />
      <OutcomeReviewSection proposal={data} />
      {data.abilities.withdraw && <Withdraw proposal={data} />}
    </Stack>
  );
}

/** The problem, the proposal and what it touches; the decider edits an open advice proposal here. */
function ProposalText({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="proposal-text">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="proposal-text">
          {t("decisions:proposal.textTitle")}
        </Title>
        {proposal.abilities.edit && !editing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            {t("decisions:proposal.edit")}
          </Button>
        )}
      </Group>
      {editing ? (
        <EditForm proposal={proposal} onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm">
          <div>
            <Text fw={600}>{t("decisions:proposal.problem")}</Text>
            <Text className="decision-text">{proposal.problem}</Text>
          </div>
          <div>
            <Text fw={600}>{t("decisions:proposal.proposal")}</Text>
            <Text className="decision-text">{proposal.proposal}</Text>
          </div>
          <div>
            <Text fw={600}>{t("decisions:proposal.linksTitle")}</Text>
            <LinkList links={proposal.links} />
          </div>
          {proposal.guardrailChange && <GuardrailChangeText proposal={proposal} />}
        </Stack>
      )}
    </Card>
  );
}

function EditForm({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation("decisions");
  const [title, setTitle] = useState(proposal.title);
  const [problem, setProblem] = useState(proposal.problem);
  const [text, setText] = useState(proposal.proposal);
  const save = useProposalAction<Omit<ProposalPatch, "version">>(proposal, "", {
    method: "PATCH",
    success: t("decisions:proposal.saved"),
    onDone,
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ title, problem, proposal: text });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <ProposalFields
        title={{ value: title, onChange: setTitle }}
        problem={{ value: problem, onChange: setProblem }}
        proposal={{ value: text, onChange: setText }}
        errors={errors}
      />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t("common.save", { ns: "translation" })}
        </Button>
        <Button variant="subtle" onClick={onDone}>
          {t("common.cancel", { ns: "translation" })}
        </Button>
      </Group>
    </Stack>
  );
}

export function GuardrailChangeText({ proposal }: { proposal: Pick<Proposal, "guardrailChange"> }) {
  const { t } = useTranslation("decisions");
  const change = proposal.guardrailChange;
  if (!change) return null;
  const limit =
    change.kind === "paymentTerms" ? formatNumber(change.limitValue) : formatBps(change.limitValue);
  return (
    <div>
      <Text fw={600}>{t("decisions:proposal.guardrailChange")}</Text>
      <Text>{t(`customers:guardrail.limitText.${change.kind}`, { limit })}</Text>
      {change.why && <Text size="sm">{t("customers:guardrail.why", { why: change.why })}</Text>}
    </div>
  );
}

/** A colleague named as decider takes the decision over, or leaves it with the proposer. */
function DeciderRequest({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const accept = useProposalAction<object>(proposal, "/decider/accept", {
    success: t("decisions:proposal.acceptedDecider"),
  });
  const decline = useProposalAction<object>(proposal, "/decider/decline", {
    success: t("decisions:proposal.declinedDecider"),
  });
  if (!proposal.deciderRequested) return null;
  return (
    <Alert color="blue" variant="light">
      <Stack gap="xs">
        <Text size="sm">
          {t("decisions:proposal.deciderPending", { name: proposal.deciderRequested.name })}
        </Text>
        {proposal.abilities.acceptDecider && (
          <Group>
            <Button size="xs" loading={accept.isPending} onClick={() => accept.mutate({})}>
              {t("decisions:proposal.acceptDecider")}
            </Button>
            <Button size="xs" variant="subtle" loading={decline.isPending} onClick={() => decline.mutate({})}>
              {t("decisions:proposal.declineDecider")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function Withdraw({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const withdraw = useProposalAction<object>(proposal, "/withdraw", {
    success: t("decisions:proposal.withdrawn"),
  });
  return (
    <Button
      variant="subtle"
      color="gray"
      w="fit-content"
      loading={withdraw.isPending}
      onClick={() => withdraw.mutate({})}
    >
      {t("decisions:proposal.withdraw")}
    </Button>
  );
}
