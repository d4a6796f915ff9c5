import { Alert, Button, Card, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdviceDays, DecisionSettings } from "../../../shared/decisions/settings.ts";
import { api } from "../../api.ts";
import { WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { DecisionsNav } from "./DecisionLogPage.tsx";
import { decisionKeys, useDecisionSettings } from "./queries.ts";

const IMPACTS = ["low", "medium", "high"] as const;

/**
 * The advice window per impact and the time zone it is counted in: an organisation setting that
 * stewards change (audited on the server); everyone reads it.
 */
export function DecisionSettingsPage() {
  const { t } = useTranslation("decisions");
  const settings = useDecisionSettings();
  return (
    <Stack maw={720}>
      <Title order={1}>{t("decisions:settings.title")}</Title>
      <DecisionsNav />
      <Text>{t("decisions:settings.intro")}</Text>
      {settings.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {settings.isError && <Alert color="red">{settings.error.message}</Alert>}
      {settings.data &&
        (settings.data.canEdit ? (
          <SettingsForm key={settings.data.version} current={settings.data} />
        ) : (
          <SettingsView current={settings.data} />
        ))}
    </Stack>
  );
}

function SettingsView({ current }: { current: DecisionSettings }) {
  const { t } = useTranslation("decisions");
  return (
    <Card withBorder>
      <Stack gap={4}>
        {IMPACTS.map((impact) => (
          <Text key={impact}>
            {t(`decisions:impact.${impact}`)}:{" "}
            {t("decisions:impact.window", { count: current.adviceDays[impact] })}
          </Text>
        ))}
        <Text>{t("decisions:settings.timeZoneIs", { zone: current.timeZone })}</Text>
        <Text size="sm" c="dimmed">
          {t("decisions:settings.readOnly")}
        </Text>
      </Stack>
    </Card>
  );
}

function SettingsForm({ current }: { current: DecisionSettings }) {
  const { t } = useTranslation("decisions");
  const queryClient = useQueryClient();
  const [days, setDays] = useState<AdviceDays>(current.adviceDays);
  const [timeZone, setTimeZone] = useState<string | null>(current.timeZone);
  const zones = Intl.supportedValuesOf("timeZone");
  const save = useMutation({
    mutationFn: () =>
      api.put<DecisionSettings>("/decisions/settings", {
        adviceDays: days,
        timeZone,
        version: current.version,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(decisionKeys.settings, saved);
      notifySuccess(t("decisions:settings.saved"));
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: decisionKeys.settings })),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder component="form" onSubmit={submit}>
      <Stack gap="sm">
        <Group grow align="flex-start" wrap="wrap">
          {IMPACTS.map((impact) => (
            <WholeNumberField
              key={impact}
              miw={140}
              label={t("decisions:settings.days", { impact: t(`decisions:impact.${impact}`) })}
              required
              min={1}
              max={60}
              value={days[impact]}
              onChange={(value) => setDays((current) => ({ ...current, [impact]: value ?? 1 }))}
              error={errors[`adviceDays.${impact}`]}
            />
          ))}
        </Group>
        <Select
          label={t("decisions:settings.timeZone")}
          searchable
          required
          value={timeZone}
          onChange={setTimeZone}
          data={zones.includes(current.timeZone) ? zones : [current.timeZone, ...zones]}
          error={errors.timeZone}
        />
        <Button type="submit" w="fit-content" loading={save.isPending} disabled={!timeZone}>
          {t("decisions:settings.save")}
        </Button>
      </Stack>
    </Card>
  );
}
