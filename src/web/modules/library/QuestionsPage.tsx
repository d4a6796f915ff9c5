import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
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
import type { Question } from "../../../shared/library.ts";
import { api } from "../../api.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { LibraryNav, MarkdownBody } from "./LibraryBits.tsx";
import { libraryKeys, useQuestion, useQuestions } from "./queries.ts";

/** Questions to the collective, newest first, and the form to ask one. */
export function QuestionsPage() {
  const { t } = useTranslation("library");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const questions = useQuestions();
  const items = pageItems(questions);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const ask = useMutation({
    mutationFn: () => api.post<Question>("/library/questions", { title, body }),
    onSuccess: (question) => {
      queryClient.setQueryData(libraryKeys.question(question.id), question);
      queryClient.invalidateQueries({ queryKey: libraryKeys.questions });
      queryClient.invalidateQueries({ queryKey: libraryKeys.search });
      notifySuccess(t("library:questions.asked"));
      navigate(`/library/questions/${question.id}`);
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(ask.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  return (
    <Stack maw={860}>
      <Title order={1}>{t("library:questions.title")}</Title>
      <LibraryNav />
      <Text>{t("library:questions.intro")}</Text>
      <Card withBorder component="form" onSubmit={submit} aria-label={t("library:questions.ask")}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("library:questions.ask")}
          </Title>
          <TextInput
            label={t("library:questions.question")}
            required
            maxLength={200}
            value={title}
            error={errors.title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t("library:questions.details")}
            autosize
            minRows={2}
            value={body}
            error={errors.body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Button type="submit" w="fit-content" loading={ask.isPending}>
            {t("library:questions.send")}
          </Button>
        </Stack>
      </Card>
      {questions.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {questions.isError && <Alert color="red">{questions.error.message}</Alert>}
      {questions.data && items.length === 0 && <Alert color="gray">{t("library:questions.empty")}</Alert>}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" className="library-list" aria-label={t("library:questions.title")}>
          {items.map((q) => (
            <Card key={q.id} withBorder component="li" padding="sm">
              <Group gap="xs" wrap="wrap">
                <Anchor component={RouterLink} to={`/library/questions/${q.id}`} fw={600}>
                  {q.title}
                </Anchor>
                {q.answered && (
                  <Badge color="green" variant="light" tt="none">
                    {t("library:questions.answered")}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  t("library:questions.askedBy", { name: q.asker.name, date: formatDate(q.createdAt) }),
                  t("library:home.answers", { count: q.answerCount, countText: formatNumber(q.answerCount) }),
                ].join(" · ")}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore read={questions} label={t("library:home.loadMore")} />
    </Stack>
  );
}

/** One question with its answers; anyone answers, the asker marks the answers that helped. */
export function QuestionPage() {
  const { t } = useTranslation("library");
  const { questionId = "" } = useParams();
  const queryClient = useQueryClient();
  const question = useQuestion(questionId);
  const [answer, setAnswer] = useState("");
  const refresh = (saved: Question) => {
    queryClient.setQueryData(libraryKeys.question(saved.id), saved);
    queryClient.invalidateQueries({ queryKey: libraryKeys.questions });
    queryClient.invalidateQueries({ queryKey: libraryKeys.search });
  };
  const send = useMutation({
    mutationFn: () => api.post<Question>(`/library/questions/${questionId}/answers`, { body: answer }),
    onSuccess: (saved) => {
      refresh(saved);
      setAnswer("");
      notifySuccess(t("library:questions.answerSent"));
    },
    onError: (error) => notifyError(error),
  });
  const helped = useMutation({
    mutationFn: (input: { answerId: string; helped: boolean }) =>
      api.put<Question>(`/library/questions/${questionId}/answers/${input.answerId}/helped`, {
        helped: input.helped,
      }),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  if (question.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (question.isError)
    return (
      <Stack>
        <LibraryNav />
        <Alert color="red">{question.error.message}</Alert>
      </Stack>
    );
  const q = question.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <Stack maw={860}>
      <LibraryNav />
      <Title order={1}>{q.title}</Title>
      <Text size="sm" c="dimmed">
        {t("library:questions.askedBy", { name: q.asker.name, date: formatDate(q.createdAt) })}
      </Text>
      {q.body && <MarkdownBody html={q.bodyHtml} />}
      <Title order={2} size="h3">
        {t("library:questions.answers")}
      </Title>
      {q.answers.length === 0 && <Text c="dimmed">{t("library:questions.noAnswers")}</Text>}
      <Stack gap="sm" component="ul" className="library-list" aria-label={t("library:questions.answers")}>
        {q.answers.map((a) => (
          <Card key={a.id} withBorder component="li" padding="sm">
            <Stack gap={6}>
              <Group gap="xs">
                <Text size="sm" c="dimmed">
                  {t("library:questions.answeredBy", { name: a.author.name, date: formatDate(a.createdAt) })}
                </Text>
                {a.helped && (
                  <Badge color="green" variant="light" tt="none">
                    {t("library:questions.helpedMark")}
                  </Badge>
                )}
              </Group>
              <MarkdownBody html={a.bodyHtml} />
              {q.isAsker && (
                <Button
                  size="xs"
                  variant={a.helped ? "default" : "light"}
                  w="fit-content"
                  onClick={() => helped.mutate({ answerId: a.id, helped: !a.helped })}
                >
                  {a.helped ? t("library:questions.undoHelped") : t("library:questions.helped")}
                </Button>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
      <Stack component="form" onSubmit={submit} gap="sm">
        <Textarea
          label={t("library:questions.yourAnswer")}
          required
          autosize
          minRows={3}
          value={answer}
          error={fieldErrors(send.error).body}
          onChange={(e) => setAnswer(e.currentTarget.value)}
        />
        <Button type="submit" w="fit-content" loading={send.isPending}>
          {t("library:questions.answer")}
        </Button>
      </Stack>
    </Stack>
  );
}
