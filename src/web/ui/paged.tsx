import { Alert, Button, type ButtonProps, Loader, Stack } from "@mantine/core";
import { type InfiniteData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Page } from "../../shared/common.ts";
import { api, query } from "../api.ts";

type Params = Record<string, string | number | undefined | null>;

/** A keyset-paged read (`?cursor&limit`, answered with `{ items, nextCursor }`), a page at a time. */
export function usePages<Item>(queryKey: QueryKey, path: string, params: Params, limit: number) {
  return useInfiniteQuery({
    queryKey,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<Item>>(`${path}${query({ ...params, cursor: pageParam, limit })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** What a paged read shows and needs to fetch on: the shape every `usePages` (and infinite query) has. */
export type PagedRead<Item> = {
  data: InfiniteData<{ items: Item[] }> | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/** The items of all pages read so far. */
export function pageItems<Item>(read: Pick<PagedRead<Item>, "data">): Item[] {
  return read.data?.pages.flatMap((page) => page.items) ?? [];
}

/** "Load more" under a paged list, while there is a next page. */
export function LoadMore({
  read,
  label,
  ...button
}: { read: Omit<PagedRead<unknown>, "data">; label?: string } & ButtonProps) {
  const { t } = useTranslation();
  if (!read.hasNextPage) return null;
  return (
    <Button
      variant="light"
      w="fit-content"
      loading={read.isFetchingNextPage}
      {...button}
      onClick={() => read.fetchNextPage()}
    >
      {label ?? t("common.loadMore")}
    </Button>
  );
}

/**
 * A paged list as a list element: loading, the error, the empty note, the items, "Load more". The
 * caller renders one item (an `<li>`) and names the list for screen readers.
 */
export function PagedList<Item extends { id: string }>(props: {
  read: PagedRead<Item>;
  label: string;
  empty: string;
  loadMore?: string;
  component?: "ul" | "ol";
  className: string;
  maw?: number;
  children: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation();
  const { read } = props;
  const items = pageItems(read);
  return (
    <Stack gap="sm" maw={props.maw}>
      {read.isPending && <Loader aria-label={t("common.loading")} />}
      {read.isError && <Alert color="red">{read.error?.message}</Alert>}
      {read.data && items.length === 0 && <Alert color="gray">{props.empty}</Alert>}
      {items.length > 0 && (
        <Stack
          gap="sm"
          component={props.component ?? "ul"}
          className={props.className}
          aria-label={props.label}
        >
          {items.map(props.children)}
        </Stack>
      )}
      <LoadMore read={read} label={props.loadMore} />
    </Stack>
  );
}
