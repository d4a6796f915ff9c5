import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
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
import type { Experiment } from "../../../shared/library.ts";
import { api } from "../../api.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { useAllCells } from "../org/queries.ts";
import { LibraryNav } from "./LibraryBits.tsx";
import { libraryKeys, useExperiment, useExperiments } from "./queries.ts";

const period = (e: Experiment) => `${formatDate(`${e.from}T12:00:00Z`)} – ${formatDate(`${e.to}T12:00:00Z`)}`;

/** The organisation's experiments, newest first, and the form to start one. */
export function ExperimentsPage() {
  const { t } = useTranslation("library");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const cells = useAllCells();
  const experiments = useExperiments();
  const items = pageItems(experiments);
  const [form, setForm] = useState({ title: "", hypothesis: "", cellId: "", from: "", to: "", measure: "" });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const start = useMutation({
    mutationFn: () => api.post<Experiment>("/library/experiments", form),
    onSuccess: (saved) => {
      queryClient.setQueryData(libraryKeys.experiment(saved.id), saved);
      queryClient.invalidateQueries({ queryKey: libraryKeys.experiments });
      notifySuccess(t("library:experiments.started"));
      navigate(`/library/experiments/${saved.id}`);
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(start.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <Stack maw={960}>
      <Title order={1}>{t("library:experiments.title")}</Title>
      <LibraryNav />
      <Text>{t("library:experiments.intro")}</Text>
      <Card withBorder component="form" onSubmit={submit} aria-label={t("library:experiments.new")}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("library:experiments.new")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("library:experiments.name")}
              required
              value={form.title}
              error={errors.title}
              onChange={(e) => set("title")(e.currentTarget.value)}
            />
            <NativeSelect
              label={t("library:experiments.cell")}
              required
              value={form.cellId}
              error={errors.cellId}
              onChange={(e) => set("cellId")(e.currentTarget.value)}
              data={[
                { value: "", label: "—" },
                ...(cells.data ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <DateField
              label={t("library:experiments.from")}
              required
              value={form.from || null}
              error={errors.from}
              onChange={(iso) => set("from")(iso ?? "")}
            />
            <DateField
              label={t("library:experiments.to")}
              required
              value={form.to || null}
              error={errors.to}
              onChange={(iso) => set("to")(iso ?? "")}
            />
          </SimpleGrid>
          <Textarea
            label={t("library:experiments.hypothesis")}
            required
            autosize
            minRows={2}
            value={form.hypothesis}
            error={errors.hypothesis}
            onChange={(e) => set("hypothesis")(e.currentTarget.value)}
          />
          <TextInput
            label={t("library:experiments.measure")}
            required
            value={form.measure}
            error={errors.measure}
            onChange={(e) => set("measure")(e.currentTarget.value)}
          />
          <Button type="submit" w="fit-content" loading={start.isPending}>
            {t("library:experiments.start")}
          </Button>
        </Stack>
      </Card>
      {experiments.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {experiments.isError && <Alert color="red">{experiments.error.message}</Alert>}
      {experiments.data && items.length === 0 && <Alert color="gray">{t("library:experiments.empty")}</Alert>}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" className="library-list" aria-label={t("library:experiments.title")}>
          {items.map((e) => (
            <Card key={e.id} withBorder component="li" padding="sm">
              <Anchor component={RouterLink} to={`/library/experiments/${e.id}`} fw={600}>
                {e.title}
              </Anchor>
              <Text size="sm" lineClamp={2}>
                {e.hypothesis}
              </Text>
              <Text size="sm" c="dimmed">
                {[e.cell.name, period(e)].join(" · ")}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore read={experiments} label={t("library:home.loadMore")} />
    </Stack>
  );
}

/** One experiment: record its result, then keep what was learned as a library entry. */
export function ExperimentPage() {
  const { t } = useTranslation("library");
  const { experimentId = "" } = useParams();
  const experiment = useExperiment(experimentId);
  if (experiment.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (experiment.isError)
    return (
      <Stack>
        <LibraryNav />
        <Alert color="red">{experiment.error.message}</Alert>
      </Stack>
    );
  return <ExperimentView key={experiment.data.version} experiment={experiment.data} />;
}

function ExperimentView({ experiment }: { experiment: Experiment }) {
  const { t } = useTranslation("library");
  const queryClient = useQueryClient();
  const [result, setResult] = useState(experiment.result);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState(experiment.result);
  const saved = (next: Experiment) => {
    queryClient.setQueryData(libraryKeys.experiment(next.id), next);
    queryClient.invalidateQueries({ queryKey: libraryKeys.experiments });
    queryClient.invalidateQueries({ queryKey: libraryKeys.search });
  };
  const reload = () => queryClient.invalidateQueries({ queryKey: libraryKeys.experiment(experiment.id) });
  const saveResult = useMutation({
    mutationFn: () =>
      api.patch<Experiment>(`/library/experiments/${experiment.id}`, { version: experiment.version, result }),
    onSuccess: (next) => {
      saved(next);
      notifySuccess(t("library:experiments.resultSaved"));
    },
    onError: (error) => notifyError(error, reload),
  });
  const keep = useMutation({
    mutationFn: () =>
      api.post<Experiment>(`/library/experiments/${experiment.id}/learning`, {
        version: experiment.version,
        title,
        body,
      }),
    onSuccess: saved,
    onError: (error) => notifyError(error, reload),
  });
  const submitResult = (event: FormEvent) => {
    event.preventDefault();
    saveResult.mutate();
  };
  const submitLearning = (event: FormEvent) => {
    event.preventDefault();
    keep.mutate();
  };
  return (
    <Stack maw={860}>
      <LibraryNav />
      <Title order={1}>{experiment.title}</Title>
      <Text size="sm" c="dimmed">
        {[experiment.cell.name, period(experiment)].join(" · ")}
      </Text>
      <Stack gap={2}>
        <Text fw={600}>{t("library:experiments.hypothesis")}</Text>
        <Text className="library-body">{experiment.hypothesis}</Text>
      </Stack>
      <Stack gap={2}>
        <Text fw={600}>{t("library:experiments.measure")}</Text>
        <Text className="library-body">{experiment.measure}</Text>
      </Stack>
      <Stack component="form" onSubmit={submitResult} gap="xs">
        <Textarea
          label={t("library:experiments.result")}
          autosize
          minRows={3}
          value={result}
          onChange={(e) => setResult(e.currentTarget.value)}
        />
        <Button type="submit" variant="light" w="fit-content" loading={saveResult.isPending}>
          {t("library:experiments.saveResult")}
        </Button>
      </Stack>
      <Title order={2} size="h3">
        {t("library:experiments.learning")}
      </Title>
      {experiment.learning ? (
        <Group gap="xs">
          <Text>{t("library:experiments.becameEntry")}</Text>
          <Anchor component={RouterLink} to={`/library/entries/${experiment.learning.id}`}>
            {experiment.learning.name}
          </Anchor>
        </Group>
      ) : (
        <Stack component="form" onSubmit={submitLearning} gap="xs">
          <TextInput
            label={t("library:experiments.learningTitle")}
            required
            value={title}
            error={fieldErrors(keep.error).title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t("library:experiments.learningBody")}
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Button type="submit" w="fit-content" loading={keep.isPending}>
            {t("library:experiments.makeEntry")}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
