import "./i18n.ts";
import { Alert, Card, Loader, Stack, Switch, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  NotificationPreferences,
  EmailPreferences as Preferences,
} from "../../../shared/decisions/notifications.ts";
import { api } from "../../api.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { decisionKeys, useNotificationPreferences } from "./queries.ts";

const KINDS = ["adviceRequested", "deciderRequested", "windowClosing", "decisionMade", "reviewDue"] as const;

/** On the person's own profile: which notifications also arrive by e-mail. The bell shows them all. */
export function EmailPreferences() {
  const { t } = useTranslation("decisions");
  const preferences = useNotificationPreferences(true);
  return (
    <Card withBorder component="section" aria-labelledby="mail-preferences">
      <Title order={2} size="h3" id="mail-preferences" mb="xs">
        {t("decisions:mail.title")}
      </Title>
      <Text size="sm" mb="sm">
        {t("decisions:mail.intro")}
      </Text>
      {preferences.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {preferences.isError && <Alert color="red">{preferences.error.message}</Alert>}
      {preferences.data && <PreferencesForm current={preferences.data} />}
    </Card>
  );
}

/** Each switch saves at once: a preference is one click, with nothing left unsaved by accident. */
function PreferencesForm({ current }: { current: NotificationPreferences }) {
  const { t } = useTranslation("decisions");
  const queryClient = useQueryClient();
  const [email, setEmail] = useState<Preferences>(current.email);
  const save = useMutation({
    mutationFn: (next: Preferences) =>
      api.put<NotificationPreferences>("/me/notification-preferences", {
        email: next,
        version: queryClient.getQueryData<NotificationPreferences>(decisionKeys.preferences)?.version ?? 0,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(decisionKeys.preferences, saved);
      notifySuccess(t("decisions:mail.saved"));
    },
    onError: (error) => {
      setEmail(current.email);
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: decisionKeys.preferences }));
    },
  });
  return (
    <Stack gap="xs">
      {!current.mailConfigured && (
        <Alert color="gray" variant="light">
          {t("decisions:mail.notConfigured")}
        </Alert>
      )}
      {KINDS.map((kind) => (
        <Switch
          key={kind}
          label={t(`decisions:mail.kinds.${kind}`)}
          checked={email[kind]}
          disabled={save.isPending}
          onChange={(e) => {
            const next = { ...email, [kind]: e.currentTarget.checked };
            setEmail(next);
            save.mutate(next);
          }}
        />
      ))}
    </Stack>
  );
}
