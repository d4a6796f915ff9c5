import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  RETRO_PHASES,
  type RetroCard,
  type RetroView,
} from "../../../../shared/exchangeLive/retrospective.ts";
import { WholeNumberField } from "../../../ui/NumberField.tsx";
import { LiveTimer } from "../live/LiveTimer.tsx";
import { countRender } from "../live/renderProbe.ts";
import { FacilitatorLine, PhaseSteps, type RoomProps, SendTextForm } from "./common.tsx";

/**
 * A retrospective (domain.md §4.4): five phases moved on by the facilitator, a timer per activity,
 * cards per phase (anonymous when the session is). Actions go through the harvest below the room,
 * so the next retrospective shows the open ones.
 */
export function RetroRoom({ view, send, me, nameOf, onHarvest, onFacilitate }: RoomProps<RetroView>) {
  const { t } = useTranslation("exchange");
  countRender("board");
  const facilitating = view.facilitatorId === me;
  const closed = view.phase === "closed";
  const [minutes, setMinutes] = useState(10);
  return (
    <Stack gap="md">
      <PhaseSteps
        phases={RETRO_PHASES}
        current={view.phase}
        label={t("exchange:retro.phases")}
        textOf={(phase) => t(`exchange:retro.phase.${phase}`)}
      />
      <FacilitatorLine
        facilitatorId={view.facilitatorId}
        me={me}
        nameOf={nameOf}
        onFacilitate={onFacilitate}
        closed={closed}
      />
      {!closed && (
        <Text size="sm" className="exchange-text">
          {t(`exchange:retro.help.${view.phase}`)}
        </Text>
      )}
      {!closed && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          {facilitating && !view.timer.startedAt && (
            <WholeNumberField
              w={140}
              size="xs"
              label={t("exchange:retro.minutes")}
              min={1}
              max={60}
              value={minutes}
              onChange={(value) => setMinutes(value ?? 1)}
            />
          )}
          <LiveTimer
            timer={view.timer}
            label={t("exchange:retro.timerLabel")}
            canSteer={facilitating}
            onStart={() => send({ type: "startTimer", minutes })}
            onStop={() => send({ type: "stopTimer" })}
          />
        </Group>
      )}
      {facilitating && !closed && (
        <Button w="fit-content" onClick={() => send({ type: "nextPhase" })}>
          {view.phase === "close" ? t("exchange:retro.finish") : t("exchange:retro.next")}
        </Button>
      )}
      {!closed && <CardForm send={send} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {RETRO_PHASES.map((phase) => {
          const cards = view.cards.filter((card) => card.phase === phase);
          if (cards.length === 0 && phase !== view.phase) return null;
          return (
            <Card key={phase} withBorder padding="sm" component="section" aria-labelledby={`retro-${phase}`}>
              <Title order={3} size="h4" id={`retro-${phase}`}>
                {t(`exchange:retro.phase.${phase}`)}
              </Title>
              {cards.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("exchange:retro.noCards")}
                </Text>
              ) : (
                <Stack component="ul" gap={6} className="exchange-plain-list" mt="xs">
                  {cards.map((card) => (
                    <RetroCardItem
                      key={card.id}
                      card={card}
                      author={card.authorId ? nameOf(card.authorId) : null}
                      onHarvest={onHarvest}
                    />
                  ))}
                </Stack>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

const CardForm = memo(function CardForm({ send }: { send: RoomProps<RetroView>["send"] }) {
  const { t } = useTranslation("exchange");
  return (
    <SendTextForm
      formLabel={t("exchange:retro.addCard")}
      label={t("exchange:retro.card")}
      submit={t("exchange:retro.addCard")}
      max={2000}
      multiline
      clear
      onSend={(text) => send({ type: "card", text })}
    />
  );
});

const RetroCardItem = memo(function RetroCardItem({
  card,
  author,
  onHarvest,
}: {
  card: RetroCard;
  author: string | null;
  onHarvest: (text: string) => void;
}) {
  const { t } = useTranslation("exchange");
  countRender(`card:${card.id}`);
  return (
    <li className="exchange-card-note">
      <Text size="sm" className="exchange-text">
        {card.text}
      </Text>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {author ?? t("exchange:retro.anonymous")}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => onHarvest(card.text)}
          aria-label={`${t("exchange:lean.harvestThis")}: ${card.text}`}
        >
          {t("exchange:lean.harvestThis")}
        </Button>
      </Group>
    </li>
  );
});
