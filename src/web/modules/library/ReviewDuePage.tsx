import { Alert, Anchor, Card, Group, Loader, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useSearchParams } from "react-router";
import { formatDate } from "../../ui/format.ts";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { useAllCells } from "../org/queries.ts";
import { KindBadge, LibraryNav } from "./LibraryBits.tsx";
import { useReviewDue } from "./queries.ts";

/** Entries whose review date has passed, for one cell or all: the caring cell's to-read list. */
export function ReviewDuePage() {
  const { t } = useTranslation("library");
  const cells = useAllCells();
  const [params, setParams] = useSearchParams();
  const cellId = params.get("cellId") || undefined;
  const due = useReviewDue(cellId);
  const items = pageItems(due);
  return (
    <Stack maw={860}>
      <Title order={1}>{t("library:review.title")}</Title>
      <LibraryNav />
      <Text>{t("library:review.intro")}</Text>
      <NativeSelect
        label={t("library:review.cell")}
        maw={360}
        value={cellId ?? ""}
        onChange={(e) =>
          setParams(e.currentTarget.value ? { cellId: e.currentTarget.value } : {}, { replace: true })
        }
        data={[
          { value: "", label: t("library:review.allCells") },
          ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
      />
      {due.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {due.isError && <Alert color="red">{due.error.message}</Alert>}
      {due.data && items.length === 0 && <Alert color="gray">{t("library:review.empty")}</Alert>}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" className="library-list" aria-label={t("library:review.title")}>
          {items.map((item) => (
            <Card key={item.id} withBorder component="li" padding="sm">
              <Group gap="xs" wrap="wrap">
                <Anchor component={RouterLink} to={`/library/entries/${item.id}`} fw={600}>
                  {item.title}
                </Anchor>
                <KindBadge kind={item.kind} />
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  item.careCell?.name,
                  item.reviewDueAt && t("library:review.due", { date: formatDate(item.reviewDueAt) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore read={due} label={t("library:home.loadMore")} />
    </Stack>
  );
}
