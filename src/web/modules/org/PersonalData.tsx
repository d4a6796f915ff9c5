import { Alert, Button, Card, Checkbox, Group, Stack, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Person } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { orgKeys } from "./queries.ts";

/** Long German labels ("Meine personenbezogenen Daten löschen…") wrap at phone width instead of overflowing. */
const WRAPPING = {
  root: { height: "auto", minHeight: 36, paddingBlock: 6 },
  label: { whiteSpace: "normal" as const },
};

/**
 * Personal data on the person page (DSGVO): everyone downloads what is stored about them; a steward
 * erases a colleague's personal data on request — a step that cannot be undone, so it asks twice.
 */

export function DownloadMyData() {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="my-data-title">
      <Title order={2} size="h3" id="my-data-title" mb="xs">
        {t("privacy.download.title")}
      </Title>
      <Text size="sm" mb="sm">
        {t("privacy.download.explain")}
      </Text>
      {/* A plain link: the browser downloads the ZIP with the session cookie, no script in between. */}
      <Button
        styles={WRAPPING}
        component="a"
        href="/api/me/export"
        download
        variant="light"
        leftSection={<IconDownload size={16} aria-hidden />}
        w="fit-content"
      >
        {t("privacy.download.button")}
      </Button>
    </Card>
  );
}

/** On a colleague's page for stewards; on one's own profile (`self`) for everyone: the right is the person's. */
export function Erasure({ person, self = false }: { person: Person; self?: boolean }) {
  const { t } = useTranslation();
  const text = (key: string) => t(`privacy.erase.${self ? `self.${key}` : key}`, { name: person.name });
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const erase = useMutation({
    mutationFn: () => api.post<Person>(`/people/${person.id}/erasure`, { version: person.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(orgKeys.person(person.id), updated);
      queryClient.invalidateQueries({ queryKey: orgKeys.people });
      queryClient.invalidateQueries({ queryKey: ["audit"] });
      notifySuccess(t("privacy.erase.done", { pseudonym: updated.name }));
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: orgKeys.person(person.id) })),
  });
  if (person.erased)
    return (
      <Alert color="gray" title={t("privacy.erase.erasedTitle")}>
        {t("privacy.erase.erasedBody")}
      </Alert>
    );
  return (
    <Card withBorder component="section" aria-labelledby="erasure-title">
      <Title order={2} size="h3" id="erasure-title" mb="xs">
        {text("title")}
      </Title>
      <Text size="sm" mb="sm">
        {text("explain")}
      </Text>
      {!confirming ? (
        <Button
          styles={WRAPPING}
          color="red"
          variant="light"
          w="fit-content"
          onClick={() => setConfirming(true)}
        >
          {text("start")}
        </Button>
      ) : (
        <Stack gap="sm">
          <Checkbox
            label={text("understand")}
            checked={understood}
            onChange={(e) => setUnderstood(e.currentTarget.checked)}
          />
          <Group>
            <Button
              styles={WRAPPING}
              color="red"
              disabled={!understood}
              loading={erase.isPending}
              onClick={() => erase.mutate()}
            >
              {text("confirm")}
            </Button>
            <Button
              styles={WRAPPING}
              variant="default"
              onClick={() => {
                setConfirming(false);
                setUnderstood(false);
              }}
            >
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
