import { Anchor, Badge, Group, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import "../customers/i18n.ts";
import type { Link, ProposalKind, ProposalStatus } from "../../../shared/decisions/kinds.ts";

const STATUS_COLOR: Record<ProposalStatus, string> = {
  open: "blue",
  decided: "teal",
  passed: "teal",
  withdrawn: "gray",
};

/** An open advice proposal is asking for advice; an open consent proposal is in its rounds. */
export function StatusBadge({ kind, status }: { kind: ProposalKind; status: ProposalStatus }) {
  const { t } = useTranslation("decisions");
  const key = status === "open" && kind === "consent" ? "rounds" : status;
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} tt="none">
      {t(`decisions:status.${key}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ProposalKind }) {
  const { t } = useTranslation("decisions");
  return (
    <Badge variant="outline" color="dark" tt="none">
      {t(`decisions:kind.${kind}`)}
    </Badge>
  );
}

/** Where a linked object lives in the web app. */
export function linkHref(link: Pick<Link, "type" | "id">): string | null {
  switch (link.type) {
    case "account":
      return `/customers/accounts/${link.id}`;
    case "deal":
      return `/customers/deals/${link.id}`;
    case "offer":
      return `/customers/offers/${link.id}`;
    case "cell":
      return `/cells/${link.id}`;
    case "guardrail":
      return "/customers/settings";
    case "obstacle":
      return `/system/obstacles/${link.id}`;
    case "condition":
      return `/system/conditions#condition-${link.id}`;
    default:
      return null;
  }
}

export function linkText(t: TFunction, link: Pick<Link, "type" | "id" | "label">): string {
  if (link.type === "guardrail") return t(`customers:guardrail.kind.${link.id}`, { defaultValue: link.id });
  return `${t(`decisions:link.${link.type}`)}: ${link.label ?? "—"}`;
}

/** What a proposal touches, each a link to its page. */
export function LinkList({ links }: { links: Link[] }) {
  const { t } = useTranslation("decisions");
  if (links.length === 0) return <Text size="sm">{t("decisions:proposal.noLinks")}</Text>;
  return (
    <Group gap="xs" component="ul" className="decision-links">
      {links.map((link) => {
        const href = linkHref(link);
        return (
          <li key={`${link.type}-${link.id}`}>
            {href ? (
              <Anchor component={RouterLink} to={href} size="sm">
                {linkText(t, link)}
              </Anchor>
            ) : (
              <Text size="sm" span>
                {linkText(t, link)}
              </Text>
            )}
          </li>
        );
      })}
    </Group>
  );
}
