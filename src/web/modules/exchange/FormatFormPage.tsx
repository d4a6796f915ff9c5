import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  MultiSelect,
  NativeSelect,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate, useParams } from "react-router";
import { type Cadence, FORMAT_TYPES, type Format, type FormatType } from "../../../shared/exchange.ts";
import { api, isApiError } from "../../api.ts";
import { DateField, TimeField } from "../../ui/DateField.tsx";
import { WholeNumberField } from "../../ui/NumberField.tsx";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { usePeople } from "../org/queries.ts";
import { exchangeKeys, useFormat } from "./queries.ts";

const CADENCES: Cadence[] = ["weekly", "fortnightly", "monthly", "onDemand"];

const today = () => new Date().toISOString().slice(0, 10);
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Berlin";

type Draft = {
  name: string;
  type: FormatType;
  description: string;
  cadence: Cadence;
  startsOn: string;
  timeOfDay: string;
  timeZone: string;
  durationMinutes: number;
  access: "open" | "invitation";
  participantIds: string[];
};

const draftOf = (format: Format): Draft => ({
  name: format.name,
  type: format.type,
  description: format.description,
  cadence: format.cadence,
  startsOn: format.startsOn,
  timeOfDay: format.timeOfDay,
  timeZone: format.timeZone,
  durationMinutes: format.durationMinutes,
  access: format.access,
  participantIds: format.participants.map((p) => p.id),
});

/** A new format: its name, type, when it meets and who is invited. */
export function NewFormatPage() {
  const { t } = useTranslation("exchange");
  return (
    <Stack maw={720}>
      <Title order={1}>{t("exchange:form.newTitle")}</Title>
      <Anchor component={RouterLink} to="/exchange">
        {t("exchange:form.back")}
      </Anchor>
      <FormatForm
        initial={{
          name: "",
          type: "leanCoffee",
          description: "",
          cadence: "weekly",
          startsOn: today(),
          timeOfDay: "09:00",
          timeZone: browserZone(),
          durationMinutes: 60,
          access: "open",
          participantIds: [],
        }}
      />
    </Stack>
  );
}

/** Editing a format names the version it started from; a change by someone else meanwhile is a 409. */
export function EditFormatPage() {
  const { t } = useTranslation("exchange");
  const { formatId = "" } = useParams();
  const format = useFormat(formatId);
  return (
    <Stack maw={720}>
      <Title order={1}>{t("exchange:form.editTitle")}</Title>
      <Anchor component={RouterLink} to={`/exchange/formats/${formatId}`}>
        {t("exchange:form.backToFormat")}
      </Anchor>
      {format.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {format.isError && <Alert color="red">{format.error.message}</Alert>}
      {format.data && (
        <FormatForm key={format.data.version} initial={draftOf(format.data)} existing={format.data} />
      )}
    </Stack>
  );
}

function FormatForm({ initial, existing }: { initial: Draft; existing?: Format }) {
  const { t } = useTranslation("exchange");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const people = usePeople({}, 500);
  const [draft, setDraft] = useState<Draft>(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const zones = Intl.supportedValuesOf("timeZone");
  const personOptions = pageItems(people).map((p) => ({
    value: p.id,
    label: p.name,
  }));
  // Someone invited who is not in the first page of people still shows by name.
  for (const participant of existing?.participants ?? [])
    if (!personOptions.some((o) => o.value === participant.id))
      personOptions.push({ value: participant.id, label: participant.name });

  const save = useMutation({
    mutationFn: () => {
      const { type, ...editable } = draft;
      return existing
        ? api.patch<Format>(`/exchange/formats/${existing.id}`, { ...editable, version: existing.version })
        : api.post<Format>("/exchange/formats", { ...editable, type });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(exchangeKeys.format(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: exchangeKeys.formats });
      notifySuccess(t("exchange:form.saved", { name: saved.name }));
      navigate(`/exchange/formats/${saved.id}`);
    },
    onError: (error) => {
      if (!(isApiError(error) && error.code === "STALE_VERSION")) notifyError(error);
    },
  });
  const stale = isApiError(save.error) && save.error.code === "STALE_VERSION";
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Card withBorder component="form" onSubmit={submit} aria-label={t("exchange:form.label")}>
      <Stack gap="sm">
        {stale && (
          <Alert color="orange" role="alert" title={t("exchange:form.staleTitle")}>
            <Stack gap="xs">
              <Text size="sm">{t("exchange:form.staleBody")}</Text>
              <Button
                size="xs"
                variant="light"
                w="fit-content"
                onClick={() =>
                  queryClient.invalidateQueries({ queryKey: exchangeKeys.format(existing?.id ?? "") })
                }
              >
                {t("exchange:form.staleReload")}
              </Button>
            </Stack>
          </Alert>
        )}
        <TextInput
          label={t("exchange:form.name")}
          required
          maxLength={200}
          value={draft.name}
          onChange={(event) => set("name", event.currentTarget.value)}
          error={errors.name}
        />
        {existing ? (
          <Text size="sm">
            {t("exchange:form.type")}: {t(`exchange:type.${existing.type}`)}
          </Text>
        ) : (
          <Radio.Group
            label={t("exchange:form.type")}
            value={draft.type}
            onChange={(value) => set("type", value as FormatType)}
          >
            <Stack gap={6} mt={4}>
              {FORMAT_TYPES.map((type) => (
                <Radio
                  key={type}
                  value={type}
                  label={t(`exchange:type.${type}`)}
                  description={t(`exchange:typeHelp.${type}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Textarea
          label={t("exchange:form.description")}
          autosize
          minRows={2}
          maxLength={4000}
          value={draft.description}
          onChange={(event) => set("description", event.currentTarget.value)}
          error={errors.description}
        />
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            miw={180}
            label={t("exchange:form.cadence")}
            value={draft.cadence}
            onChange={(event) => set("cadence", event.currentTarget.value as Cadence)}
            data={CADENCES.map((c) => ({ value: c, label: t(`exchange:cadence.${c}`) }))}
          />
          <DateField
            miw={160}
            required
            label={t("exchange:form.startsOn")}
            value={draft.startsOn || null}
            onChange={(iso) => set("startsOn", iso ?? "")}
            error={errors.startsOn}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TimeField
            miw={120}
            required
            label={t("exchange:form.timeOfDay")}
            value={draft.timeOfDay || null}
            onChange={(time) => set("timeOfDay", time ?? "")}
            error={errors.timeOfDay}
          />
          <WholeNumberField
            miw={120}
            label={t("exchange:form.duration")}
            required
            min={5}
            max={480}
            value={draft.durationMinutes}
            onChange={(value) => set("durationMinutes", value ?? 60)}
            error={errors.durationMinutes}
          />
        </Group>
        <Select
          label={t("exchange:form.timeZone")}
          searchable
          required
          value={draft.timeZone}
          onChange={(value) => value && set("timeZone", value)}
          data={zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]}
          error={errors.timeZone}
        />
        <Radio.Group
          label={t("exchange:form.access")}
          value={draft.access}
          onChange={(value) => set("access", value as Draft["access"])}
        >
          <Stack gap={6} mt={4}>
            <Radio
              value="open"
              label={t("exchange:access.open")}
              description={t("exchange:access.openHelp")}
            />
            <Radio
              value="invitation"
              label={t("exchange:access.invitation")}
              description={t("exchange:access.invitationHelp")}
            />
          </Stack>
        </Radio.Group>
        {draft.access === "invitation" && (
          <MultiSelect
            label={t("exchange:form.participants")}
            searchable
            data={personOptions}
            value={draft.participantIds}
            onChange={(value) => set("participantIds", value)}
            nothingFoundMessage={t("exchange:form.nobody")}
            error={errors.participantIds}
          />
        )}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {existing ? t("exchange:form.save") : t("exchange:form.create")}
        </Button>
      </Stack>
    </Card>
  );
}
