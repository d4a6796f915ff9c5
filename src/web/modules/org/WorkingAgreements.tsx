import { Alert, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkingAgreement } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import { formatDateTime } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { orgKeys, useAgreements, useMembership } from "./queries.ts";

type Draft = { title: string; body: string };

export function WorkingAgreements({ cellId }: { cellId: string }) {
  const { t } = useTranslation();
  const agreements = useAgreements(cellId);
  // The cell's members change its agreements; everyone else reads them and may ask for advice (issue 13).
  const mayChange = useMembership(cellId).data?.abilities.changeAgreements ?? false;
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: orgKeys.agreements(cellId) });

  const create = useMutation({
    mutationFn: (draft: Draft) => api.post<WorkingAgreement>(`/cells/${cellId}/agreements`, draft),
    onSuccess: () => {
      refresh();
      setAdding(false);
      notifySuccess(t("agreements.added"));
    },
    onError: (error) => notifyError(error),
  });
  const update = useMutation({
    mutationFn: ({ id, ...patch }: Draft & { id: string; version: number }) =>
      api.patch<WorkingAgreement>(`/cells/${cellId}/agreements/${id}`, patch),
    onSuccess: () => {
      refresh();
      setEditingId(null);
      notifySuccess(t("agreements.saved"));
    },
    onError: (error) => notifyError(error, refresh),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/cells/${cellId}/agreements/${id}`),
    onSuccess: () => {
      refresh();
      notifySuccess(t("agreements.deleted"));
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Card withBorder component="section" aria-labelledby="agreements-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="agreements-title">
          {t("agreements.title")}
        </Title>
        {mayChange && !adding && (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t("agreements.add")}
          </Button>
        )}
      </Group>
      <Text size="sm" mb="sm">
        {t("agreements.intro")}
      </Text>
      {!mayChange && (
        <Text size="sm" c="dimmed" mb="sm">
          {t("agreements.onlyMembers")}
        </Text>
      )}
      {adding && (
        <Card withBorder mb="sm">
          <AgreementForm
            submitLabel={t("agreements.add")}
            pending={create.isPending}
            errors={fieldErrors(create.error)}
            onSubmit={(draft) => create.mutate(draft)}
            onCancel={() => setAdding(false)}
          />
        </Card>
      )}
      {agreements.isPending && <Loader aria-label={t("common.loading")} />}
      {agreements.isError && <Alert color="red">{agreements.error.message}</Alert>}
      {agreements.data?.items.length === 0 && !adding && <Text>{t("agreements.empty")}</Text>}
      <Stack gap="sm">
        {agreements.data?.items.map((agreement) =>
          editingId === agreement.id ? (
            <Card withBorder key={agreement.id}>
              <AgreementForm
                initial={{ title: agreement.title, body: agreement.body }}
                submitLabel={t("common.save")}
                pending={update.isPending}
                errors={fieldErrors(update.error)}
                onSubmit={(draft) =>
                  update.mutate({ ...draft, id: agreement.id, version: agreement.version })
                }
                onCancel={() => setEditingId(null)}
              />
            </Card>
          ) : (
            <Card withBorder key={agreement.id} component="article">
              <Group justify="space-between" align="flex-start">
                {/* The text takes the line; on a phone the buttons move below it instead of off the card. */}
                <Stack gap={4} style={{ flex: "1 1 14rem", minWidth: 0 }}>
                  <Title order={3} size="h5">
                    {agreement.title}
                  </Title>
                  {agreement.body && (
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {agreement.body}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t("agreements.updated", { date: formatDateTime(agreement.updatedAt) })}
                  </Text>
                </Stack>
                {mayChange && (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      aria-label={t("agreements.editNamed", { title: agreement.title })}
                      onClick={() => setEditingId(agreement.id)}
                    >
                      {t("common.edit")}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      aria-label={t("agreements.deleteNamed", { title: agreement.title })}
                      loading={remove.isPending && remove.variables === agreement.id}
                      onClick={() => remove.mutate(agreement.id)}
                    >
                      {t("common.delete")}
                    </Button>
                  </Group>
                )}
              </Group>
            </Card>
          ),
        )}
      </Stack>
    </Card>
  );
}

function AgreementForm(props: {
  initial?: Draft;
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (draft: Draft) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(props.initial ?? { title: "", body: "" });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(draft);
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <TextInput
        label={t("agreements.titleLabel")}
        required
        maxLength={160}
        value={draft.title}
        onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
        error={props.errors.title}
      />
      <Textarea
        label={t("agreements.body")}
        autosize
        minRows={3}
        maxLength={10000}
        value={draft.body}
        onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
        error={props.errors.body}
      />
      <Group>
        <Button type="submit" loading={props.pending}>
          {props.submitLabel}
        </Button>
        <Button variant="subtle" onClick={props.onCancel}>
          {t("common.cancel")}
        </Button>
      </Group>
    </Stack>
  );
}
