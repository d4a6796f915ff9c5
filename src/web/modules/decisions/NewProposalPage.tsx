import {
  Alert,
  Button,
  Card,
  CloseButton,
  Group,
  Loader,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import type { GuardrailKind } from "../../../shared/customers/offers.ts";
import type { Impact, Link, ProposalKind } from "../../../shared/decisions/kinds.ts";
import type { Proposal, ProposalInput } from "../../../shared/decisions/proposals.ts";
import { api } from "../../api.ts";
import { withLink } from "../../ui/LinkPicker.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { useSession } from "../../ui/session.tsx";
import { usePeople } from "../org/queries.ts";
import { DecisionsNav } from "./DecisionLogPage.tsx";
import { GuardrailLimitField } from "./GuardrailLimitField.tsx";
import { linkText } from "./ProposalBits.tsx";
import { ProposalFields } from "./ProposalFields.tsx";
import { ProposalLinkPicker } from "./ProposalLinkPicker.tsx";
import { decisionKeys, useDecisionSettings, useOfferToLink } from "./queries.ts";

const GUARDRAIL_KINDS = ["discount", "margin", "paymentTerms"];
const isGuardrailKind = (value: string | null): value is GuardrailKind =>
  GUARDRAIL_KINDS.includes(value ?? "");

/**
 * A new proposal. Opened from the offer editor as /decisions/new?offerId=…&guardrail=discount, it
 * starts linked to the offer and the guardrail the offer leaves (issue 4: "ask for advice").
 */
export function NewProposalPage() {
  const { t } = useTranslation("decisions");
  const [params] = useSearchParams();
  const offerId = params.get("offerId");
  const guardrail = params.get("guardrail");
  const offer = useOfferToLink(offerId);
  if (offerId && offer.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  const prefilled: Link[] = [];
  if (offerId) prefilled.push({ type: "offer", id: offerId, label: offer.data?.number ?? null });
  if (isGuardrailKind(guardrail)) prefilled.push({ type: "guardrail", id: guardrail, label: null });
  const kind = params.get("kind") === "consent" ? "consent" : "advice";
  const title = offer.data
    ? t("decisions:proposal.offerTitle", {
        number: offer.data.number,
        account: offer.data.accountName,
      })
    : "";
  return (
    <Stack maw={860}>
      <Title order={1}>{t("decisions:proposal.new")}</Title>
      <DecisionsNav />
      <Text>{t("decisions:proposal.intro")}</Text>
      <ProposalForm initialLinks={prefilled} initialKind={kind} initialTitle={title} />
    </Stack>
  );
}

function ProposalForm({
  initialLinks,
  initialKind,
  initialTitle,
}: {
  initialLinks: Link[];
  initialKind: ProposalKind;
  initialTitle: string;
}) {
  const { t } = useTranslation("decisions");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const settings = useDecisionSettings();
  const people = usePeople({}, 500);
  const [kind, setKind] = useState<ProposalKind>(initialKind);
  const [title, setTitle] = useState(initialTitle);
  const [problem, setProblem] = useState("");
  const [proposal, setProposal] = useState("");
  const [impact, setImpact] = useState<Impact>("medium");
  const [links, setLinks] = useState<Link[]>(initialLinks);
  const [deciderMode, setDeciderMode] = useState<"me" | "colleague">("me");
  const [deciderId, setDeciderId] = useState<string | null>(null);
  const guardrailLink = links.find((link) => link.type === "guardrail");
  const changesGuardrail = kind === "consent" && guardrailLink && isGuardrailKind(guardrailLink.id);
  /** Basis points for discount and margin, days for payment terms. */
  const [limit, setLimit] = useState<number | null>(null);
  const [why, setWhy] = useState("");

  const create = useMutation({
    mutationFn: () => {
      const input: Partial<ProposalInput> = {
        kind,
        title,
        problem,
        proposal,
        impact,
        links: links.map(({ type, id }) => ({ type, id })),
        deciderId: deciderMode === "colleague" ? deciderId : null,
        guardrailChange:
          changesGuardrail && limit !== null
            ? {
                kind: guardrailLink.id as GuardrailKind,
                limitValue: limit,
                why,
              }
            : null,
      };
      return api.post<Proposal>("/proposals", input);
    },
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: decisionKeys.all });
      notifySuccess(t("decisions:proposal.created", { title: created.title }));
      navigate(`/decisions/${created.id}`);
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const colleagues = pageItems(people)
    .filter((person) => person.id !== session.person.id)
    .map((person) => ({ value: person.id, label: person.name }));
  const days = settings.data?.adviceDays;

  return (
    <Stack component="form" onSubmit={submit} gap="md">
      <Radio.Group
        label={t("decisions:kind.label")}
        value={kind}
        onChange={(value) => setKind(value as ProposalKind)}
      >
        <Stack gap={6} mt={4}>
          <Radio
            value="advice"
            label={t("decisions:kind.advice")}
            description={t("decisions:kind.adviceHelp")}
          />
          <Radio
            value="consent"
            label={t("decisions:kind.consent")}
            description={t("decisions:kind.consentHelp")}
          />
        </Stack>
      </Radio.Group>
      <ProposalFields
        title={{ value: title, onChange: setTitle }}
        problem={{ value: problem, onChange: setProblem }}
        proposal={{ value: proposal, onChange: setProposal }}
        errors={errors}
        withHelp
      />
      <Radio.Group
        label={t("decisions:impact.label")}
        value={impact}
        onChange={(value) => setImpact(value as Impact)}
        error={errors.impact}
      >
        <Group mt={4}>
          {(["low", "medium", "high"] as const).map((level) => (
            <Radio
              key={level}
              value={level}
              label={t(`decisions:impact.${level}`)}
              description={days ? t("decisions:impact.window", { count: days[level] }) : undefined}
            />
          ))}
        </Group>
      </Radio.Group>

      <Card withBorder component="fieldset" className="decision-fieldset">
        <Text component="legend" fw={600} size="sm">
          {t("decisions:proposal.linksTitle")}
        </Text>
        <Stack gap="xs">
          {links.length === 0 && <Text size="sm">{t("decisions:proposal.noLinks")}</Text>}
          {links.length > 0 && (
            <Group gap="xs" component="ul" className="decision-links">
              {links.map((link) => (
                <Group key={`${link.type}-${link.id}`} component="li" gap={2} className="decision-chip">
                  <Text size="sm" span>
                    {linkText(t, link)}
                  </Text>
                  <CloseButton
                    size="sm"
                    aria-label={t("decisions:link.remove", { label: linkText(t, link) })}
                    onClick={() => setLinks((current) => current.filter((l) => l !== link))}
                  />
                </Group>
              ))}
            </Group>
          )}
          <ProposalLinkPicker onAdd={(link) => setLinks((current) => withLink(current, link))} />
          {errors.links && <Alert color="red">{errors.links}</Alert>}
        </Stack>
      </Card>

      {changesGuardrail && (
        <Card withBorder component="fieldset" className="decision-fieldset">
          <Text component="legend" fw={600} size="sm">
            {t("decisions:proposal.guardrailChange")}
          </Text>
          <Stack gap="xs">
            <GuardrailLimitField
              kind={guardrailLink.id as GuardrailKind}
              label={t("decisions:proposal.guardrailLimit", {
                kind: t(`customers:guardrail.kind.${guardrailLink.id}`),
              })}
              description={t(`customers:guardrail.limitLabel.${guardrailLink.id}`)}
              value={limit}
              onChange={setLimit}
              error={errors["guardrailChange.limitValue"]}
            />
            <Textarea
              label={t("decisions:proposal.guardrailWhy")}
              autosize
              minRows={2}
              maxLength={2000}
              value={why}
              onChange={(e) => setWhy(e.currentTarget.value)}
            />
          </Stack>
        </Card>
      )}

      <Radio.Group
        label={t("decisions:proposal.decider")}
        value={deciderMode}
        onChange={(value) => setDeciderMode(value as "me" | "colleague")}
      >
        <Stack gap={6} mt={4}>
          <Radio value="me" label={t("decisions:proposal.deciderMe")} />
          <Radio value="colleague" label={t("decisions:proposal.deciderColleague")} />
        </Stack>
      </Radio.Group>
      {deciderMode === "colleague" && (
        <Select
          label={t("decisions:proposal.colleague")}
          searchable
          required
          value={deciderId}
          onChange={setDeciderId}
          data={colleagues}
          nothingFoundMessage={t("decisions:proposal.noPeople")}
          error={errors.deciderId}
        />
      )}
      <Button type="submit" loading={create.isPending} w="fit-content">
        {t("decisions:proposal.create")}
      </Button>
    </Stack>
  );
}

/** Percentages in the form, basis points in the API; payment terms are whole days. */
