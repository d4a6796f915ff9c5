import { Button, Group, NativeSelect, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Link, LinkType } from "../../../shared/decisions/kinds.ts";
import { useAccounts, useDeals } from "../customers/queries.ts";
import { useAllCells } from "../org/queries.ts";

const PICKABLE = ["account", "deal", "cell", "guardrail"] as const;
type Pickable = (typeof PICKABLE)[number];
const GUARDRAILS = ["discount", "margin", "paymentTerms"] as const;

/**
 * Adds one link: the kind of object, then which one. Offers are linked from the offer editor
 * (it opens this page prefilled); obstacles once that module exists.
 */
export function LinkPicker({ onAdd }: { onAdd: (link: Link) => void }) {
  const { t } = useTranslation("decisions");
  const [type, setType] = useState<Pickable>("account");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [target, setTarget] = useState<string | null>(null);
  const options = useOptions(type, q);
  const add = () => {
    const option = options.find((o) => o.value === target);
    if (!option) return;
    onAdd({ type: type as LinkType, id: option.value, label: option.label });
    setTarget(null);
    setSearch("");
  };
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect
        label={t("decisions:proposal.linkKind")}
        value={type}
        onChange={(e) => {
          setType(e.currentTarget.value as Pickable);
          setTarget(null);
        }}
        data={PICKABLE.map((value) => ({ value, label: t(`decisions:link.${value}`) }))}
      />
      <Select
        label={t("decisions:proposal.linkTarget")}
        searchable
        clearable
        value={target}
        onChange={setTarget}
        searchValue={search}
        onSearchChange={setSearch}
        data={options}
        nothingFoundMessage={t("decisions:proposal.nothingFound")}
        miw={220}
      />
      <Button variant="light" onClick={add} disabled={!target}>
        {t("decisions:proposal.addLink")}
      </Button>
    </Group>
  );
}

function useOptions(type: Pickable, q: string): { value: string; label: string }[] {
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
      return (accounts.data?.pages.flatMap((p) => p.items) ?? []).map((a) => ({
        value: a.id,
        label: a.name,
      }));
    case "deal":
      return (deals.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({ value: d.id, label: d.title }));
  }
}
