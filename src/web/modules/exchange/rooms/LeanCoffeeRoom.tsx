import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconMinus, IconPlus } from "@tabler/icons-react";
import { type FormEvent, memo, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LeanCoffeeView, Thumb } from "../../../../shared/exchangeLive/leanCoffee.ts";
import type { ClientMessage } from "../../../../shared/exchangeLive/protocol.ts";
import { formatNumber } from "../../../ui/format.ts";
import { WholeNumberField } from "../../../ui/NumberField.tsx";
import { LiveTimer } from "../live/LiveTimer.tsx";
import { countRender } from "../live/renderProbe.ts";
import { FacilitatorLine, PhaseSteps, type RoomProps, SendTextForm } from "./common.tsx";

const PHASES = ["collecting", "voting", "discussing", "closed"] as const;
type TopicView = LeanCoffeeView["topics"][number];
type Send = (action: ClientMessage) => void;

/**
 * Lean Coffee (domain.md §4.1): propose and pitch topics, merge duplicates, dot voting (stacking,
 * taking back, hidden totals if chosen), then the most wanted topics one at a time in a timebox,
 * thumb vote to extend or move on, takeaways. Each topic card is memoised and gets structurally
 * shared props, so an event that changes one topic re-renders that card only.
 */
export function LeanCoffeeRoom({
  view,
  send,
  me,
  nameOf,
  onHarvest,
  onFacilitate,
}: RoomProps<LeanCoffeeView>) {
  const { t } = useTranslation("exchange");
  countRender("board");
  const facilitating = view.facilitatorId === me;
  const closed = view.phase === "closed";
  const mergeKey = view.topics.map((topic) => `${topic.id}\u0000${topic.title}`).join("\u0001");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key carries what the options need.
  const mergeOptions = useMemo(
    () => view.topics.map((topic) => ({ value: topic.id, label: topic.title })),
    [mergeKey],
  );
  const current = view.current ? view.topics.find((topic) => topic.id === view.current?.topicId) : undefined;
  const canVote = view.phase === "voting" && view.myVotesLeft > 0;
  return (
    <Stack gap="md">
      <PhaseSteps
        phases={PHASES}
        current={view.phase}
        label={t("exchange:lean.phases")}
        textOf={(phase) => t(`exchange:lean.phase.${phase}`)}
      />
      <FacilitatorLine
        facilitatorId={view.facilitatorId}
        me={me}
        nameOf={nameOf}
        onFacilitate={onFacilitate}
        closed={closed}
      />
      {facilitating && <Steering view={view} send={send} />}
      {view.phase === "voting" && (
        <Text role="status" fw={500}>
          {t("exchange:lean.votesLeft", {
            count: view.myVotesLeft,
            countText: formatNumber(view.myVotesLeft),
            total: formatNumber(view.votesPerPerson),
          })}
          {view.hideVotes ? ` ${t("exchange:lean.hiddenNote")}` : ""}
        </Text>
      )}
      {view.current && current && (
        <CurrentTopic
          title={current.title}
          timer={view.current.timer}
          thumbs={view.thumbs}
          facilitating={facilitating}
          send={send}
        />
      )}
      {!closed && <ProposeForm send={send} />}
      <Title order={2} size="h3" id="lean-topics-title">
        {t("exchange:lean.topics")}
      </Title>
      {view.topics.length === 0 && <Text c="dimmed">{t("exchange:lean.noTopics")}</Text>}
      <ul className="exchange-plain-list exchange-topic-grid" aria-labelledby="lean-topics-title">
        {view.topics.map((topic) => (
          <TopicCard
            key={topic.id}
            topic={topic}
            phase={view.phase}
            myDots={view.myVotes[topic.id] ?? 0}
            canVote={canVote}
            facilitating={facilitating}
            isMine={topic.authorId === me}
            authorName={topic.authorId ? nameOf(topic.authorId) : null}
            mergeOptions={mergeOptions}
            send={send}
            onHarvest={onHarvest}
          />
        ))}
      </ul>
    </Stack>
  );
}

/** The facilitator's controls for the phase at hand. */
function Steering({ view, send }: { view: LeanCoffeeView; send: Send }) {
  const { t } = useTranslation("exchange");
  return (
    <Card withBorder padding="sm" component="section" aria-label={t("exchange:lean.steering")}>
      <Stack gap="xs">
        {view.phase === "collecting" && <Configure view={view} send={send} />}
        <Group gap="xs" wrap="wrap">
          {view.phase === "collecting" && (
            <Button onClick={() => send({ type: "openVoting" })}>{t("exchange:lean.openVoting")}</Button>
          )}
          {view.phase === "voting" && (
            <Button onClick={() => send({ type: "closeVoting" })}>{t("exchange:lean.closeVoting")}</Button>
          )}
          {view.phase !== "closed" && (
            <Button variant="default" onClick={() => send({ type: "close" })}>
              {t("exchange:lean.close")}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Configure({ view, send }: { view: LeanCoffeeView; send: Send }) {
  const { t } = useTranslation("exchange");
  const [votes, setVotes] = useState(view.votesPerPerson);
  const [hide, setHide] = useState(view.hideVotes);
  const [timebox, setTimebox] = useState(Math.round(view.timeboxMs / 60_000));
  const [extension, setExtension] = useState(Math.round(view.extensionMs / 60_000));
  const [anonymous, setAnonymous] = useState(view.anonymous);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send({
      type: "configure",
      votesPerPerson: votes,
      hideVotes: hide,
      timeboxMinutes: timebox,
      extensionMinutes: extension,
      anonymous,
    });
  };
  return (
    <form onSubmit={submit} aria-label={t("exchange:lean.configure")}>
      <Stack gap="xs">
        <Group grow align="flex-start" wrap="wrap">
          <WholeNumberField
            miw={120}
            label={t("exchange:lean.votesPerPerson")}
            required
            min={1}
            max={10}
            value={votes}
            onChange={(value) => setVotes(value ?? 1)}
          />
          <WholeNumberField
            miw={120}
            label={t("exchange:lean.timebox")}
            required
            min={1}
            max={60}
            value={timebox}
            onChange={(value) => setTimebox(value ?? 1)}
          />
          <WholeNumberField
            miw={120}
            label={t("exchange:lean.extension")}
            required
            min={1}
            max={60}
            value={extension}
            onChange={(value) => setExtension(value ?? 1)}
          />
        </Group>
        <Checkbox
          label={t("exchange:lean.hideVotes")}
          checked={hide}
          onChange={(event) => setHide(event.currentTarget.checked)}
        />
        <Checkbox
          label={t("exchange:lean.anonymous")}
          checked={anonymous}
          onChange={(event) => setAnonymous(event.currentTarget.checked)}
        />
        <Button type="submit" variant="light" w="fit-content">
          {t("exchange:lean.saveSettings")}
        </Button>
      </Stack>
    </form>
  );
}

const ProposeForm = memo(function ProposeForm({ send }: { send: Send }) {
  const { t } = useTranslation("exchange");
  const [title, setTitle] = useState("");
  const [pitch, setPitch] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    send({ type: "propose", title: title.trim(), pitch: pitch.trim() });
    setTitle("");
    setPitch("");
  };
  return (
    <Card withBorder padding="sm" component="form" onSubmit={submit} aria-label={t("exchange:lean.propose")}>
      <Stack gap="xs">
        <TextInput
          label={t("exchange:lean.topicTitle")}
          maxLength={200}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
        />
        <TextInput
          label={t("exchange:lean.pitch")}
          maxLength={2000}
          value={pitch}
          onChange={(event) => setPitch(event.currentTarget.value)}
        />
        <Button type="submit" w="fit-content" disabled={!title.trim()}>
          {t("exchange:lean.propose")}
        </Button>
      </Stack>
    </Card>
  );
});

const THUMBS: Thumb[] = ["up", "sideways", "down"];
const THUMB_ICONS: Record<Thumb, string> = { up: "👍", sideways: "👉", down: "👎" };

/** The topic in discussion: its timebox and, at the end, the thumb vote to extend or move on. */
const CurrentTopic = memo(function CurrentTopic({
  title,
  timer,
  thumbs,
  facilitating,
  send,
}: {
  title: string;
  timer: NonNullable<LeanCoffeeView["current"]>["timer"];
  thumbs: LeanCoffeeView["thumbs"];
  facilitating: boolean;
  send: Send;
}) {
  const { t } = useTranslation("exchange");
  countRender("current");
  return (
    <Card
      withBorder
      padding="md"
      className="exchange-current"
      component="section"
      aria-labelledby="lean-current"
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="lean-current">
          {t("exchange:lean.nowDiscussing", { title })}
        </Title>
        <LiveTimer
          timer={timer}
          label={t("exchange:lean.timerLabel")}
          canSteer={facilitating}
          onStart={() => send({ type: "startTimer" })}
          onStop={() => send({ type: "stopTimer" })}
        />
        <fieldset className="exchange-fieldset">
          <legend>{t("exchange:lean.thumbQuestion")}</legend>
          <Group gap="xs" wrap="wrap">
            {THUMBS.map((value) => (
              <Button
                key={value}
                variant={thumbs.mine === value ? "filled" : "default"}
                aria-pressed={thumbs.mine === value}
                onClick={() => send({ type: "thumb", value })}
                leftSection={<span aria-hidden="true">{THUMB_ICONS[value]}</span>}
              >
                {t(`exchange:lean.thumb.${value}`)}
              </Button>
            ))}
          </Group>
          <Text size="sm" mt={6} data-testid="thumb-counts">
            {t("exchange:lean.thumbCounts", {
              up: formatNumber(thumbs.up),
              sideways: formatNumber(thumbs.sideways),
              down: formatNumber(thumbs.down),
            })}
          </Text>
        </fieldset>
        {facilitating && (
          <Button w="fit-content" variant="light" onClick={() => send({ type: "resolveThumbs" })}>
            {t("exchange:lean.resolve")}
          </Button>
        )}
      </Stack>
    </Card>
  );
});

type TopicCardProps = {
  topic: TopicView;
  phase: LeanCoffeeView["phase"];
  myDots: number;
  canVote: boolean;
  facilitating: boolean;
  isMine: boolean;
  authorName: string | null;
  mergeOptions: { value: string; label: string }[];
  send: Send;
  onHarvest: (text: string) => void;
};

const TopicCard = memo(function TopicCard({
  topic,
  phase,
  myDots,
  canVote,
  facilitating,
  isMine,
  authorName,
  mergeOptions,
  send,
  onHarvest,
}: TopicCardProps) {
  const { t } = useTranslation("exchange");
  countRender(`topic:${topic.id}`);
  const headingId = `topic-${topic.id}`;
  const voting = phase === "voting";
  const mergeable = topic.status === "toDiscuss" && (phase === "collecting" || phase === "voting");
  return (
    <li data-topic-id={topic.id} data-votes={topic.votes ?? ""} data-status={topic.status}>
      <Card
        withBorder
        padding="sm"
        h="100%"
        component="article"
        aria-labelledby={headingId}
        className={topic.status === "discussing" ? "exchange-topic discussing" : "exchange-topic"}
      >
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Title order={3} size="h4" id={headingId} className="exchange-text">
              {topic.title}
            </Title>
            <Badge
              variant={topic.votes === null ? "outline" : "filled"}
              color="blue.8"
              aria-label={
                topic.votes === null
                  ? t("exchange:lean.votesHidden")
                  : t("exchange:lean.votes", { count: topic.votes, countText: formatNumber(topic.votes) })
              }
              data-testid="votes"
            >
              {topic.votes === null ? "?" : formatNumber(topic.votes)}
            </Badge>
          </Group>
          {topic.pitch && (
            <Text size="sm" className="exchange-text">
              {topic.pitch}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {authorName ? t("exchange:lean.by", { name: authorName }) : t("exchange:lean.anonymousTopic")}
            {topic.mergedTitles.length > 0 &&
              ` · ${t("exchange:lean.merged", { titles: topic.mergedTitles.join(", ") })}`}
          </Text>
          {topic.status !== "toDiscuss" && (
            <Badge variant="light" color={topic.status === "discussing" ? "green" : "gray"} w="fit-content">
              {t(`exchange:lean.status.${topic.status}`)}
            </Badge>
          )}
          {voting && (
            <Group gap="xs" wrap="nowrap">
              <Button
                size="xs"
                variant="default"
                disabled={myDots === 0}
                onClick={() => send({ type: "unvote", topicId: topic.id })}
                aria-label={t("exchange:lean.unvote", { title: topic.title })}
              >
                <IconMinus size={14} aria-hidden="true" />
              </Button>
              <Text size="sm" aria-live="polite">
                {t("exchange:lean.myDots", { count: myDots, countText: formatNumber(myDots) })}
              </Text>
              <Button
                size="xs"
                disabled={!canVote}
                onClick={() => send({ type: "vote", topicId: topic.id })}
                aria-label={t("exchange:lean.vote", { title: topic.title })}
              >
                <IconPlus size={14} aria-hidden="true" />
              </Button>
            </Group>
          )}
          {facilitating && phase === "discussing" && topic.status === "toDiscuss" && (
            <Button
              size="xs"
              w="fit-content"
              onClick={() => send({ type: "pull", topicId: topic.id })}
              aria-label={`${t("exchange:lean.pull")}: ${topic.title}`}
            >
              {t("exchange:lean.pull")}
            </Button>
          )}
          {(isMine || facilitating || !topic.authorId) && phase !== "closed" && (
            <PitchEditor topic={topic} send={send} />
          )}
          {mergeable && mergeOptions.length > 1 && (
            <MergeControl topic={topic} options={mergeOptions} send={send} />
          )}
          <Takeaways topic={topic} phase={phase} send={send} onHarvest={onHarvest} />
        </Stack>
      </Card>
    </li>
  );
});

function PitchEditor({ topic, send }: { topic: TopicView; send: Send }) {
  const { t } = useTranslation("exchange");
  const [open, setOpen] = useState(false);
  const [pitch, setPitch] = useState(topic.pitch);
  if (!open)
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        w="fit-content"
        onClick={() => setOpen(true)}
        aria-label={`${t("exchange:lean.editPitch")}: ${topic.title}`}
      >
        {t("exchange:lean.editPitch")}
      </Button>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send({ type: "pitch", topicId: topic.id, pitch: pitch.trim() });
        setOpen(false);
      }}
    >
      <Stack gap={4}>
        <Textarea
          label={t("exchange:lean.pitchFor", { title: topic.title })}
          autosize
          minRows={1}
          maxLength={2000}
          value={pitch}
          onChange={(event) => setPitch(event.currentTarget.value)}
        />
        <Group gap="xs">
          <Button size="xs" type="submit">
            {t("exchange:lean.savePitch")}
          </Button>
          <Button size="xs" variant="default" onClick={() => setOpen(false)}>
            {t("exchange:lean.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MergeControl({
  topic,
  options,
  send,
}: {
  topic: TopicView;
  options: { value: string; label: string }[];
  send: Send;
}) {
  const { t } = useTranslation("exchange");
  const others = options.filter((option) => option.value !== topic.id);
  const [into, setInto] = useState(others[0]?.value ?? "");
  const target = others.some((option) => option.value === into) ? into : (others[0]?.value ?? "");
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <NativeSelect
        size="xs"
        flex={1}
        label={t("exchange:lean.mergeInto", { title: topic.title })}
        data={others}
        value={target}
        onChange={(event) => setInto(event.currentTarget.value)}
      />
      <Button
        size="xs"
        variant="default"
        onClick={() => send({ type: "merge", topicId: topic.id, intoId: target })}
      >
        {t("exchange:lean.merge")}
      </Button>
    </Group>
  );
}

function Takeaways({
  topic,
  phase,
  send,
  onHarvest,
}: {
  topic: TopicView;
  phase: LeanCoffeeView["phase"];
  send: Send;
  onHarvest: (text: string) => void;
}) {
  const { t } = useTranslation("exchange");
  if (topic.status === "toDiscuss" && topic.takeaways.length === 0) return null;
  return (
    <Stack gap={4}>
      {topic.takeaways.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {t("exchange:lean.takeaways")}
          </Text>
          <ul className="exchange-takeaways">
            {topic.takeaways.map((takeaway, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: takeaways only ever append.
              <li key={i}>
                <Text size="sm" span className="exchange-text">
                  {takeaway}
                </Text>{" "}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onHarvest(takeaway)}
                  aria-label={`${t("exchange:lean.harvestThis")}: ${takeaway}`}
                >
                  {t("exchange:lean.harvestThis")}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {phase !== "closed" && topic.status !== "toDiscuss" && (
        <SendTextForm
          size="xs"
          label={t("exchange:lean.takeawayFor", { title: topic.title })}
          submit={t("exchange:lean.addTakeaway")}
          max={2000}
          clear
          onSend={(text) => send({ type: "takeaway", topicId: topic.id, text })}
        />
      )}
    </Stack>
  );
}
