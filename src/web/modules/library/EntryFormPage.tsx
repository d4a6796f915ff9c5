import {
  Alert,
  Button,
  CloseButton,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import {
  ENTRY_KINDS,
  type Entry,
  type EntryKind,
  LIBRARY_LINK_TYPES,
  type LibraryLink,
  type LibraryLinkType,
} from "../../../shared/library.ts";
import { api } from "../../api.ts";
import { withLink } from "../../ui/LinkPicker.tsx";
import { WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useAllCells } from "../org/queries.ts";
import { EntryLinkPicker } from "./EntryLinkPicker.tsx";
import { LibraryNav, MarkdownBody } from "./LibraryBits.tsx";
import { libraryKeys, useEntry } from "./queries.ts";

export function NewEntryPage() {
  const [params] = useSearchParams();
  // Other pages may start an entry linked to what they show: /library/new?link=deal:<id>
  const links = params.getAll("link").flatMap((value) => {
    const [type, id] = value.split(":");
    return LIBRARY_LINK_TYPES.includes(type as LibraryLinkType) && id
      ? [{ type: type as LibraryLinkType, id, label: id }]
      : [];
  });
  return <EntryForm links={links} />;
}

export function EditEntryPage() {
  const { t } = useTranslation("library");
  const { entryId = "" } = useParams();
  const entry = useEntry(entryId);
  if (entry.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (entry.isError) return <Alert color="red">{entry.error.message}</Alert>;
  return <EntryForm entry={entry.data} links={entry.data.links} />;
}

/** Writing or editing an entry: Markdown with a preview rendered by the server exactly as readers see it. */
function EntryForm({ entry, links: initialLinks }: { entry?: Entry; links: LibraryLink[] }) {
  const { t } = useTranslation("library");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const cells = useAllCells();
  const [kind, setKind] = useState<EntryKind>(entry?.kind ?? "insight");
  const [title, setTitle] = useState(entry?.title ?? "");
  const [body, setBody] = useState(entry?.body ?? "");
  const [tags, setTags] = useState((entry?.tags ?? []).join(", "));
  const [careCellId, setCareCellId] = useState(entry?.careCell?.id ?? "");
  const [interval, setInterval] = useState<number | null>(entry?.reviewIntervalDays ?? 180);
  const [links, setLinks] = useState(initialLinks);
  const [tab, setTab] = useState<string | null>("write");
  const preview = useMutation({
    mutationFn: (text: string) => api.post<{ html: string }>("/library/preview", { body: text }),
  });
  const save = useMutation({
    mutationFn: () => {
      const input = {
        kind,
        title,
        body,
        tags: tags
          .split(",")
          .map((tag) => tag.trim())
          .filter(Boolean),
        links: links.map(({ type, id }) => ({ type, id })),
        careCellId: careCellId || null,
        reviewIntervalDays: interval ?? 180,
      };
      return entry
        ? api.patch<Entry>(`/library/entries/${entry.id}`, { ...input, version: entry.version })
        : api.post<Entry>("/library/entries", input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(libraryKeys.entry(saved.id), saved);
      queryClient.invalidateQueries({ queryKey: libraryKeys.search });
      notifySuccess(t("library:form.saved"));
      navigate(`/library/entries/${saved.id}`);
    },
    onError: (error) => notifyError(error, entry ? () => navigate(0) : undefined),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Stack maw={860}>
      <LibraryNav />
      <Title order={1}>{entry ? t("library:form.editTitle") : t("library:form.newTitle")}</Title>
      <Stack component="form" onSubmit={submit} gap="sm">
        <TextInput
          label={t("library:form.title")}
          required
          maxLength={200}
          value={title}
          error={errors.title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <NativeSelect
          label={t("library:kind.label")}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as EntryKind)}
          data={ENTRY_KINDS.map((k) => ({ value: k, label: t(`library:kind.${k}`) }))}
        />
        <Tabs
          value={tab}
          onChange={(value) => {
            setTab(value);
            if (value === "preview") preview.mutate(body);
          }}
        >
          <Tabs.List>
            <Tabs.Tab value="write">{t("library:form.write")}</Tabs.Tab>
            <Tabs.Tab value="preview">{t("library:form.preview")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="xs">
            <Textarea
              label={t("library:form.body")}
              description={t("library:form.bodyHelp")}
              autosize
              minRows={8}
              value={body}
              error={errors.body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            {preview.isPending && (
              <Loader size="sm" aria-label={t("common.loading", { ns: "translation" })} />
            )}
            {preview.data &&
              (body.trim() ? (
                <MarkdownBody html={preview.data.html} />
              ) : (
                <Text c="dimmed">{t("library:form.emptyPreview")}</Text>
              ))}
          </Tabs.Panel>
        </Tabs>
        <TextInput
          label={t("library:form.tags")}
          description={t("library:form.tagsHelp")}
          value={tags}
          error={Object.entries(errors).find(([key]) => key.startsWith("tags"))?.[1]}
          onChange={(e) => setTags(e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <NativeSelect
            label={t("library:form.careCell")}
            value={careCellId}
            error={errors.careCellId}
            onChange={(e) => setCareCellId(e.currentTarget.value)}
            data={[
              { value: "", label: t("library:form.noCell") },
              ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <WholeNumberField
            label={t("library:form.interval")}
            required
            min={7}
            max={730}
            value={interval}
            error={errors.reviewIntervalDays}
            onChange={setInterval}
          />
        </Group>
        {links.length > 0 && (
          <Group gap="xs" component="ul" className="library-list">
            {links.map((link) => (
              <Group key={`${link.type}:${link.id}`} component="li" gap={2}>
                <Text size="sm">
                  {t(`library:link.${link.type}`)}: {link.label}
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={t("library:form.removeLink", { label: link.label })}
                  onClick={() => setLinks(links.filter((l) => l !== link))}
                />
              </Group>
            ))}
          </Group>
        )}
        <EntryLinkPicker onAdd={(link) => setLinks((current) => withLink(current, link))} />
        {Object.entries(errors).some(([key]) => key.startsWith("links")) && (
          <Text c="red" size="sm">
            {Object.entries(errors).find(([key]) => key.startsWith("links"))?.[1]}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("library:form.save")}
          </Button>
          <Button variant="default" onClick={() => navigate(-1)}>
            {t("library:form.cancel")}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}
