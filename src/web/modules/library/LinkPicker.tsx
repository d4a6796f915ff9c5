import { Button, Group, NativeSelect, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LibraryLink } from "../../../shared/library.ts";
import { useAccounts, useDeals } from "../customers/queries.ts";
import { useDecisionLog } from "../decisions/queries.ts";

const PICKABLE = ["account", "deal", "proposal"] as const;
type Pickable = (typeof PICKABLE)[number];

/**
 * Adds one link to an entry: the kind of object, then which one, found by name. Exchange sessions
 * are linked by the harvest (or `/library/new?link=session:<id>`), not picked here.
 */
export function LinkPicker({ onAdd }: { onAdd: (link: LibraryLink) => void }) {
  const { t } = useTranslation("library");
  const [type, setType] = useState<Pickable>("account");
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [target, setTarget] = useState<string | null>(null);
  const accounts = useAccounts({ q: type === "account" ? q || undefined : undefined }, 20);
  const deals = useDeals({ q: type === "deal" ? q || undefined : undefined }, 20);
  const decisions = useDecisionLog({ q: type === "proposal" ? q || undefined : undefined }, 20);
  const options =
    type === "account"
      ? (accounts.data?.pages.flatMap((p) => p.items) ?? []).map((a) => ({ value: a.id, label: a.name }))
      : type === "deal"
        ? (deals.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({ value: d.id, label: d.title }))
        : (decisions.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({ value: d.id, label: d.title }));
  const add = () => {
    const option = options.find((o) => o.value === target);
    if (!option) return;
    onAdd({ type, id: option.value, label: option.label });
    setTarget(null);
    setSearch("");
  };
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <NativeSelect
        label={t("library:form.linkType")}
        value={type}
        onChange={(e) => {
          setType(e.currentTarget.value as Pickable);
          setTarget(null);
        }}
        data={PICKABLE.map((value) => ({ value, label: t(`library:link.${value}`) }))}
      />
      <Select
        label={t("library:form.linkTarget")}
        searchable
        clearable
        value={target}
        onChange={setTarget}
        searchValue={search}
        onSearchChange={setSearch}
        data={options}
        nothingFoundMessage={t("library:form.nothingFound")}
        miw={220}
      />
      <Button variant="default" onClick={add} disabled={!target}>
        {t("library:form.addLink")}
      </Button>
    </Group>
  );
}
