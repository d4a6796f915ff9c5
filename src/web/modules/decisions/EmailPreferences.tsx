import "./i18n.ts";
import { Alert, Button, Card, Checkbox, Loader, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { NotificationPreferences, EmailPreferences as Preferences } from "../../../shared/decisions.ts";
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
      {preferences.data && <PreferencesForm key={preferences.data.version} current={preferences.data} />}
    </Card>
  );
}

function PreferencesForm({ current }: { current: NotificationPreferences }) {
  const { t } = useTranslation("decisions");
  const queryClient = useQueryClient();
  const [email, setEmail] = useState<Preferences>(current.email);
  const save = useMutation({
    mutationFn: () =>
      api.put<NotificationPreferences>("/me/notification-preferences", { email, version: current.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(decisionKeys.preferences, saved);
      notifySuccess(t("decisions:mail.saved"));
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: decisionKeys.preferences })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs">
      {!current.mailConfigured && (
        <Alert color="gray" variant="light">
          {t("decisions:mail.notConfigured")}
        </Alert>
      )}
      {KINDS.map((kind) => (
        <Checkbox
          key={kind}
          label={t(`decisions:mail.kinds.${kind}`)}
          checked={email[kind]}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setEmail((value) => ({ ...value, [kind]: checked }));
          }}
        />
      ))}
      <Button type="submit" w="fit-content" loading={save.isPending}>
        {t("decisions:mail.save")}
      </Button>
    </Stack>
  );
}
