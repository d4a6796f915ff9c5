import { Button, Group, NativeSelect, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";

export type LinkOption = { value: string; label: string };
export type PickedLink<Kind extends string> = { type: Kind; id: string; label: string };

type Props<Kind extends string> = {
  kinds: readonly Kind[];
  kindLabel: (kind: Kind) => string;
  /** A hook, called on every render: the choices of one kind matching the typed (debounced) text. */
  useOptions: (kind: Kind, q: string) => LinkOption[];
  labels: { kind: string; target: string; nothingFound: string; add: string };
  addVariant?: "light" | "default";
  onAdd: (link: PickedLink<Kind>) => void;
};

/**
 * Adds one link to whatever is being written (a proposal, a library entry): the kind of object, then
 * which one, found by name. Each module says which kinds it links and where their names come from.
 */
export function LinkPicker<Kind extends string>(props: Props<Kind>) {
  const { kinds, labels } = props;
  const [type, setType] = useState<Kind>(kinds[0] as Kind);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  // The option itself is kept when picked: the search then reads its name and the choices reload.
  const [target, setTarget] = useState<LinkOption | null>(null);
  const options = props.useOptions(type, q);
  const add = () => {
    if (!target) return;
    props.onAdd({ type, id: target.value, label: target.label });
    setTarget(null);
    setSearch("");
  };
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <NativeSelect
        label={labels.kind}
        value={type}
        onChange={(e) => {
          setType(e.currentTarget.value as Kind);
          setTarget(null);
        }}
        data={kinds.map((value) => ({ value, label: props.kindLabel(value) }))}
      />
      <Select
        label={labels.target}
        searchable
        clearable
        value={target?.value ?? null}
        onChange={(value, option) => setTarget(value && option ? { value, label: option.label } : null)}
        searchValue={search}
        onSearchChange={setSearch}
        data={target && !options.some((o) => o.value === target.value) ? [target, ...options] : options}
        nothingFoundMessage={labels.nothingFound}
        miw={220}
      />
      <Button variant={props.addVariant ?? "light"} onClick={add} disabled={!target}>
        {labels.add}
      </Button>
    </Group>
  );
}

/** The list with `link` added, unless the same object is linked already. */
export function withLink<L extends { type: string; id: string }>(links: L[], link: L): L[] {
  return links.some((l) => l.type === link.type && l.id === link.id) ? links : [...links, link];
}
