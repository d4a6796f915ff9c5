import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Organisation, OrganisationPatch } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import type { UiLanguage } from "../../i18n/i18n.ts";
import { WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { SESSION_KEY, useOrganisation } from "../../ui/session.tsx";
import { RetentionSection } from "./RetentionSettings.tsx";

// Mirrors CURRENCIES in src/shared/org.ts; importing it would pull zod into the browser bundle.
const CURRENCIES = ["EUR", "CHF", "USD", "GBP", "SEK", "DKK", "NOK", "PLN", "CZK"] as const;
const WEEK_STARTS = ["monday", "sunday", "saturday"] as const;

export function SettingsPage() {
  const organisation = useOrganisation();
  // Re-mount on a new version so the form shows what was saved (by us or by someone else).
  return <SettingsForm key={organisation.version} organisation={organisation} />;
}

function SettingsForm({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const readOnly = !organisation.abilities.editSettings;
  const [draft, setDraft] = useState({
    name: organisation.name,
    currency: organisation.currency,
    languages: organisation.languages as string[],
    defaultLanguage: organisation.defaultLanguage,
    weekStart: organisation.weekStart,
    minGroupSize: organisation.minGroupSize,
  });

  const save = useMutation({
    mutationFn: (patch: OrganisationPatch) => api.patch<Organisation>("/org", patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(["org"], updated);
      queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      queryClient.invalidateQueries({ queryKey: ["audit"] });
      notifySuccess(t("settings.saved"));
    },
    onError: (error) => notifyError(error, () => queryClient.invalidateQueries({ queryKey: ["org"] })),
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      version: organisation.version,
      ...draft,
      languages: draft.languages as UiLanguage[],
    });
  };

  return (
    <Stack maw={720}>
      <Title order={1}>{t("settings.title")}</Title>
      <Text>{t("settings.intro")}</Text>
      {readOnly && (
        <Alert color="gray" icon={<IconLock aria-hidden />} title={t("settings.readOnlyTitle")}>
          {t("settings.readOnlyBody")}
        </Alert>
      )}
      <Card withBorder>
        <Stack component="form" onSubmit={submit} gap="sm">
          <TextInput
            label={t("settings.name")}
            required
            maxLength={120}
            readOnly={readOnly}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={errors.name}
          />
          <NativeSelect
            label={t("settings.currency")}
            disabled={readOnly}
            value={draft.currency}
            onChange={(e) =>
              setDraft({ ...draft, currency: e.currentTarget.value as Organisation["currency"] })
            }
            data={[...CURRENCIES]}
            error={errors.currency}
          />
          <Checkbox.Group
            label={t("settings.languages")}
            description={t("settings.languagesHelp")}
            value={draft.languages}
            onChange={(languages) =>
              // The default language must be one of the organisation's languages (the server checks it too).
              setDraft({
                ...draft,
                languages,
                defaultLanguage: languages.includes(draft.defaultLanguage)
                  ? draft.defaultLanguage
                  : ((languages[0] as UiLanguage | undefined) ?? draft.defaultLanguage),
              })
            }
            error={errors.languages}
          >
            <Group mt={4}>
              <Checkbox value="de" label={t("languages.de")} disabled={readOnly} />
              <Checkbox value="en" label={t("languages.en")} disabled={readOnly} />
            </Group>
          </Checkbox.Group>
          <NativeSelect
            label={t("settings.defaultLanguage")}
            disabled={readOnly}
            value={draft.defaultLanguage}
            onChange={(e) => setDraft({ ...draft, defaultLanguage: e.currentTarget.value as UiLanguage })}
            data={(["de", "en"] as const)
              .filter((language) => draft.languages.includes(language) || language === draft.defaultLanguage)
              .map((language) => ({ value: language, label: t(`languages.${language}`) }))}
            error={errors.defaultLanguage}
          />
          <NativeSelect
            label={t("settings.weekStart")}
            disabled={readOnly}
            value={draft.weekStart}
            onChange={(e) =>
              setDraft({ ...draft, weekStart: e.currentTarget.value as Organisation["weekStart"] })
            }
            data={WEEK_STARTS.map((day) => ({ value: day, label: t(`settings.weekdays.${day}`) }))}
            error={errors.weekStart}
          />
          <WholeNumberField
            label={t("settings.minGroupSize")}
            description={t("settings.minGroupSizeHelp")}
            required
            min={3}
            max={50}
            readOnly={readOnly}
            value={draft.minGroupSize}
            onChange={(value) => setDraft({ ...draft, minGroupSize: value ?? 0 })}
            error={errors.minGroupSize}
          />
          {!readOnly && (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
              <Text size="sm" c="dimmed">
                {t("settings.logged")}
              </Text>
            </Group>
          )}
        </Stack>
      </Card>
      <RetentionSection />
    </Stack>
  );
}
