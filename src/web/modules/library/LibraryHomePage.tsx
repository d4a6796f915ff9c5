import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useSearchParams } from "react-router";
import { ENTRY_KINDS, type EntryKind, type SearchHit } from "../../../shared/library.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { PagedList } from "../../ui/paged.tsx";
import { useAllCells } from "../org/queries.ts";
import { Highlighted, KindBadge, LibraryNav } from "./LibraryBits.tsx";
import { type SearchFilter, useLibrarySearch } from "./queries.ts";

/**
 * The library's home: one search box over entries, questions and answers, with filters by kind,
 * tag, caring cell and date. Filters live in the URL, so a search can be shared.
 */
export function LibraryHomePage() {
  const { t } = useTranslation("library");
  const cells = useAllCells();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [tag, setTag] = useState(params.get("tag") ?? "");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [tagFilter] = useDebouncedValue(tag.trim(), 250);
  const kind = (params.get("kind") || undefined) as EntryKind | undefined;
  const type = (params.get("type") || undefined) as "entry" | "question" | undefined;
  const filter: SearchFilter = {
    q: q || undefined,
    type,
    kind,
    tag: tagFilter || undefined,
    cellId: params.get("cellId") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t("library:home.title")}</Title>
        <Button component={RouterLink} to="/library/new" leftSection={<IconPlus size={16} aria-hidden />}>
          {t("library:nav.newEntry")}
        </Button>
      </Group>
      <LibraryNav />
      <Text maw={760}>{t("library:home.intro")}</Text>
      <SimpleGrid
        cols={{ base: 1, xs: 2, md: 3 }}
        maw={960}
        component="form"
        role="search"
        aria-label={t("library:home.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextInput
          label={t("library:home.search")}
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setParam("q", e.currentTarget.value.trim());
          }}
        />
        <NativeSelect
          label={t("library:home.type")}
          value={type ?? ""}
          onChange={(e) => setParam("type", e.currentTarget.value)}
          data={[
            { value: "", label: t("library:home.anyType") },
            { value: "entry", label: t("library:home.entries") },
            { value: "question", label: t("library:home.questions") },
          ]}
        />
        <NativeSelect
          label={t("library:kind.label")}
          value={kind ?? ""}
          onChange={(e) => setParam("kind", e.currentTarget.value)}
          data={[
            { value: "", label: t("library:kind.any") },
            ...ENTRY_KINDS.map((k) => ({ value: k, label: t(`library:kind.${k}`) })),
          ]}
        />
        <TextInput
          label={t("library:home.tag")}
          value={tag}
          onChange={(e) => {
            setTag(e.currentTarget.value);
            setParam("tag", e.currentTarget.value.trim());
          }}
        />
        <NativeSelect
          label={t("library:home.cell")}
          value={filter.cellId ?? ""}
          onChange={(e) => setParam("cellId", e.currentTarget.value)}
          data={[
            { value: "", label: t("library:home.allCells") },
            ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Group grow gap="xs" align="flex-end">
          <DateField
            label={t("library:home.from")}
            value={filter.from ?? null}
            onChange={(iso) => setParam("from", iso ?? "")}
          />
          <DateField
            label={t("library:home.to")}
            value={filter.to ?? null}
            onChange={(iso) => setParam("to", iso ?? "")}
          />
        </Group>
      </SimpleGrid>
      <Results filter={filter} />
    </Stack>
  );
}

function Results({ filter }: { filter: SearchFilter }) {
  const { t } = useTranslation("library");
  const results = useLibrarySearch(filter);
  return (
    <PagedList
      read={results}
      label={t("library:home.results")}
      empty={t("library:home.empty")}
      loadMore={t("library:home.loadMore")}
      className="library-list"
      maw={960}
    >
      {(item) => <HitCard key={item.id} hit={item} />}
    </PagedList>
  );
}

function HitCard({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation("library");
  const to = hit.type === "entry" ? `/library/entries/${hit.id}` : `/library/questions/${hit.id}`;
  // Entries nobody marked yet say nothing about it; questions always say how many answers they have.
  const count =
    hit.type === "entry"
      ? hit.count > 0 && t("library:home.helped", { count: hit.count, countText: formatNumber(hit.count) })
      : t("library:home.answers", { count: hit.count, countText: formatNumber(hit.count) });
  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Anchor component={RouterLink} to={to} fw={600}>
            <Highlighted parts={hit.title} />
          </Anchor>
          <KindBadge kind={hit.kind ?? "question"} />
          {hit.outdated && (
            <Badge color="orange" variant="light" tt="none">
              {t("library:entry.outdated")}
            </Badge>
          )}
        </Group>
        {hit.snippet.length > 0 && (
          <Text size="sm">
            <Highlighted parts={hit.snippet} />
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {[formatDate(hit.createdAt), hit.cell?.name, hit.tags.join(", "), count]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      </Stack>
    </Card>
  );
}
