import { useTranslation } from "react-i18next";
import type { LibraryLink } from "../../../shared/library.ts";
import { type LinkOption, LinkPicker } from "../../ui/LinkPicker.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { useAccounts, useDeals } from "../customers/queries.ts";
import { useDecisionLog } from "../decisions/queries.ts";

const PICKABLE = ["account", "deal", "proposal"] as const satisfies readonly LibraryLink["type"][];
type Pickable = (typeof PICKABLE)[number];

/**
 * Adds one link to a library entry. Exchange sessions are linked by the harvest (or
 * `/library/new?link=session:<id>`), not picked here.
 */
export function EntryLinkPicker({ onAdd }: { onAdd: (link: LibraryLink) => void }) {
  const { t } = useTranslation("library");
  return (
    <LinkPicker
      kinds={PICKABLE}
      kindLabel={(kind) => t(`library:link.${kind}`)}
      useOptions={useOptions}
      labels={{
        kind: t("library:form.linkType"),
        target: t("library:form.linkTarget"),
        nothingFound: t("library:form.nothingFound"),
        add: t("library:form.addLink"),
      }}
      addVariant="default"
      onAdd={onAdd}
    />
  );
}

function useOptions(type: Pickable, q: string): LinkOption[] {
  const accounts = useAccounts({ q: type === "account" ? q || undefined : undefined }, 20);
  const deals = useDeals({ q: type === "deal" ? q || undefined : undefined }, 20);
  const decisions = useDecisionLog({ q: type === "proposal" ? q || undefined : undefined }, 20);
  if (type === "account") return pageItems(accounts).map((a) => ({ value: a.id, label: a.name }));
  if (type === "deal") return pageItems(deals).map((d) => ({ value: d.id, label: d.title }));
  return pageItems(decisions).map((d) => ({ value: d.id, label: d.title }));
}
