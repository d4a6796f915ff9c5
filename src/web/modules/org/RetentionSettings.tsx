import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RetentionPatch, RetentionPeriods, RetentionSettings } from "../../../shared/privacy.ts";
import { api } from "../../api.ts";
import { WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";

const RETENTION_KEY = ["retention"];
// Mirrors RetentionPeriodsSchema in src/shared/privacy.ts (importing values would pull zod into the bundle).
const PERIODS = [
  "auditDays",
  "endedSessionDays",
  "notificationDays",
  "sentMailDays",
  "importFileDays",
] as const;

/** Retention periods in the settings: how long operational records are kept before the purge job deletes them. */
export function RetentionSection() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: RETENTION_KEY,
    queryFn: () => api.get<RetentionSettings>("/org/retention"),
  });
  if (settings.isPending) return <Loader aria-label={t("common.loading")} />;
  if (settings.isError) return <Alert color="red">{settings.error.message}</Alert>;
  // Re-mount on a new version so the form shows what was saved.
  return <RetentionForm key={settings.data.version} settings={settings.data} />;
}

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const readOnly = !settings.canEdit;
  const [draft, setDraft] = useState<Record<keyof RetentionPeriods, number | null>>(
    Object.fromEntries(PERIODS.map((key) => [key, settings[key]])) as Record<keyof RetentionPeriods, number>,
  );
  const save = useMutation({
    mutationFn: (patch: RetentionPatch) => api.put<RetentionSettings>("/org/retention", patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(RETENTION_KEY, updated);
      queryClient.invalidateQueries({ queryKey: ["audit"] });
      notifySuccess(t("privacy.retention.saved"));
    },
    onError: (error) => notifyError(error, () => queryClient.invalidateQueries({ queryKey: RETENTION_KEY })),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ version: settings.version, ...(draft as RetentionPeriods) });
  };
  return (
    <Card withBorder component="section" aria-labelledby="retention-title">
      <Title order={2} size="h3" id="retention-title" mb="xs">
        {t("privacy.retention.title")}
      </Title>
      <Text size="sm" mb="sm">
        {t(settings.isDefault ? "privacy.retention.introDefault" : "privacy.retention.intro")}
      </Text>
      <Stack component="form" onSubmit={submit} gap="sm">
        {PERIODS.map((key) => (
          <WholeNumberField
            key={key}
            label={t(`privacy.retention.${key}`)}
            description={t("privacy.retention.days")}
            required
            min={1}
            max={3650}
            readOnly={readOnly}
            value={draft[key]}
            onChange={(value) => setDraft({ ...draft, [key]: value })}
            error={errors[key]}
          />
        ))}
        {!readOnly && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("privacy.retention.save")}
            </Button>
            <Text size="sm" c="dimmed">
              {t("settings.logged")}
            </Text>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
