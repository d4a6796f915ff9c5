import { useTranslation } from "react-i18next";
import type { Link, LinkType } from "../../../shared/decisions/kinds.ts";
import { type LinkOption, LinkPicker } from "../../ui/LinkPicker.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { useAccounts, useDeals } from "../customers/queries.ts";
import { useAllCells } from "../org/queries.ts";

const PICKABLE = ["account", "deal", "cell", "guardrail"] as const satisfies readonly LinkType[];
type Pickable = (typeof PICKABLE)[number];
const GUARDRAILS = ["discount", "margin", "paymentTerms"] as const;

/**
 * Adds one link to a proposal. Offers are linked from the offer editor (it opens this page
 * prefilled), not picked here.
 */
export function ProposalLinkPicker({ onAdd }: { onAdd: (link: Link) => void }) {
  const { t } = useTranslation("decisions");
  return (
    <LinkPicker
      kinds={PICKABLE}
      kindLabel={(kind) => t(`decisions:link.${kind}`)}
      useOptions={useOptions}
      labels={{
        kind: t("decisions:proposal.linkKind"),
        target: t("decisions:proposal.linkTarget"),
        nothingFound: t("decisions:proposal.nothingFound"),
        add: t("decisions:proposal.addLink"),
      }}
      onAdd={onAdd}
    />
  );
}

function useOptions(type: Pickable, q: string): LinkOption[] {
  const { t } = useTranslation("decisions");
  const cells = useAllCells();
  // The customers reads cannot be switched off; both stay small (20 rows) and cached.
  const accounts = useAccounts({ q: type === "account" ? q || undefined : undefined }, 20);
  const deals = useDeals({ q: type === "deal" ? q || undefined : undefined }, 20);
  switch (type) {
    case "cell":
      return (cells.data ?? []).map((c) => ({ value: c.id, label: c.name }));
    case "guardrail":
      return GUARDRAILS.map((kind) => ({ value: kind, label: t(`customers:guardrail.kind.${kind}`) }));
    case "account":
      return pageItems(accounts).map((a) => ({ value: a.id, label: a.name }));
    case "deal":
      return pageItems(deals).map((d) => ({ value: d.id, label: d.title }));
  }
}
