import "./i18n.ts";
import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { formatDate } from "../../ui/format.ts";
import { StatusBadge } from "./ProposalBits.tsx";
import { useOfferProposals } from "./queries.ts";

/** On the offer editor: the proposals that link to this offer, so the advice behind it is one click away. */
export function OfferProposals({ offerId }: { offerId: string }) {
  const { t } = useTranslation("decisions");
  const proposals = useOfferProposals(offerId);
  const items = proposals.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="offer-proposals-title">
      <Title order={2} size="h3" id="offer-proposals-title" mb="xs">
        {t("decisions:proposal.aboutOffer")}
      </Title>
      <Stack gap={6} component="ul" className="decision-links">
        {items.map((item) => (
          <Group key={item.id} component="li" gap="xs">
            <Anchor component={RouterLink} to={`/decisions/${item.id}`}>
              {item.title}
            </Anchor>
            <StatusBadge kind={item.kind} status={item.status} />
            <Text size="sm" c="dimmed">
              {t("decisions:log.proposedOn", { date: formatDate(item.createdAt) })}
            </Text>
          </Group>
        ))}
      </Stack>
      <Anchor component={RouterLink} to={`/decisions?linkType=offer&linkId=${offerId}`} size="sm" mt="xs">
        {t("decisions:proposal.allAboutOffer")}
      </Anchor>
    </Card>
  );
}
