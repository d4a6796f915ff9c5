import {
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";
import { type FormEvent, memo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  compileProceedings,
  type OpenSpaceSession,
  type OpenSpaceView,
} from "../../../../shared/exchangeLive/openSpace.ts";
import { formatNumber } from "../../../ui/format.ts";
import { TableScroll } from "../../../ui/TableScroll.tsx";
import { countRender } from "../live/renderProbe.ts";
import { FacilitatorLine, type RoomProps, SendTextForm } from "./common.tsx";

type Send = RoomProps<OpenSpaceView>["send"];
type Cell = { slotId: string; roomId: string };

/**
 * Open Space (Harrison Owen): a marketplace grid of times × rooms in which anyone convenes a session,
 * notes per session, and the proceedings compiled from them — printable, and harvestable as a learning.
 */
export function OpenSpaceRoom({ view, send, me, nameOf, onHarvest, onFacilitate }: RoomProps<OpenSpaceView>) {
  const { t } = useTranslation("exchange");
  countRender("board");
  const facilitating = view.facilitatorId === me;
  const closed = view.phase === "closed";
  const [showProceedings, setShowProceedings] = useState(closed);
  const at = (slotId: string, roomId: string) =>
    view.sessions.find((session) => session.slotId === slotId && session.roomId === roomId);
  const free: (Cell & { label: string })[] = view.slots.flatMap((slot) =>
    view.rooms
      .filter((room) => !at(slot.id, room.id))
      .map((room) => ({ slotId: slot.id, roomId: room.id, label: `${slot.label} · ${room.name}` })),
  );
  return (
    <Stack gap="md">
      <FacilitatorLine
        facilitatorId={view.facilitatorId}
        me={me}
        nameOf={nameOf}
        onFacilitate={onFacilitate}
        closed={closed}
      />
      <Title order={3} size="h3">
        {view.theme || t("exchange:openSpace.noTheme")}
      </Title>
      {!closed && <Text size="sm">{t("exchange:openSpace.help")}</Text>}
      {facilitating && !closed && <Setup view={view} send={send} />}
      {view.slots.length === 0 || view.rooms.length === 0 ? (
        <Text c="dimmed">{t("exchange:openSpace.noGrid")}</Text>
      ) : (
        <TableScroll label={t("exchange:openSpace.grid")} minWidth={220 + view.rooms.length * 220}>
          <Table withTableBorder withColumnBorders layout="fixed" verticalSpacing="xs">
            <Table.Caption>{t("exchange:openSpace.grid")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>{t("exchange:openSpace.time")}</Table.Th>
                {view.rooms.map((room) => (
                  <Table.Th key={room.id} scope="col">
                    <Group gap={4} justify="space-between" wrap="nowrap">
                      <span>{room.name}</span>
                      {facilitating && !closed && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => send({ type: "removeRoom", roomId: room.id })}
                          aria-label={t("exchange:openSpace.removeRoom", { name: room.name })}
                        >
                          ×
                        </Button>
                      )}
                    </Group>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.slots.map((slot) => (
                <Table.Tr key={slot.id}>
                  <Table.Th scope="row">
                    <Group gap={4} justify="space-between" wrap="nowrap">
                      <span>{slot.label}</span>
                      {facilitating && !closed && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => send({ type: "removeSlot", slotId: slot.id })}
                          aria-label={t("exchange:openSpace.removeSlot", { label: slot.label })}
                        >
                          ×
                        </Button>
                      )}
                    </Group>
                  </Table.Th>
                  {view.rooms.map((room) => {
                    const session = at(slot.id, room.id);
                    return (
                      <Table.Td key={room.id} valign="top">
                        {session ? (
                          <SessionCell
                            session={session}
                            convener={session.convenerId ? nameOf(session.convenerId) : null}
                            closed={closed}
                            free={session.mine ? free : NO_CELLS}
                            send={send}
                          />
                        ) : closed ? null : (
                          <PlaceForm
                            slotId={slot.id}
                            roomId={room.id}
                            where={`${slot.label} · ${room.name}`}
                            send={send}
                          />
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Group gap="xs" wrap="wrap">
        <Button
          variant="default"
          onClick={() => setShowProceedings((shown) => !shown)}
          aria-expanded={showProceedings}
        >
          {t("exchange:openSpace.proceedings")}
        </Button>
        {facilitating && !closed && (
          <Button variant="default" onClick={() => send({ type: "close" })}>
            {t("exchange:openSpace.close")}
          </Button>
        )}
      </Group>
      {showProceedings && <Proceedings view={view} nameOf={nameOf} onHarvest={onHarvest} />}
    </Stack>
  );
}

const NO_CELLS: (Cell & { label: string })[] = [];

function Setup({ view, send }: { view: OpenSpaceView; send: Send }) {
  const { t } = useTranslation("exchange");
  const [theme, setTheme] = useState(view.theme);
  const [slot, setSlot] = useState("");
  const [room, setRoom] = useState("");
  const onSubmit = (run: () => void) => (event: FormEvent) => {
    event.preventDefault();
    run();
  };
  return (
    <Card withBorder padding="sm" component="section" aria-label={t("exchange:lean.steering")}>
      <Stack gap="xs">
        <form onSubmit={onSubmit(() => theme.trim() && send({ type: "setTheme", theme: theme.trim() }))}>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              flex={1}
              miw={200}
              label={t("exchange:openSpace.theme")}
              maxLength={300}
              value={theme}
              onChange={(e) => setTheme(e.currentTarget.value)}
            />
            <Button type="submit" variant="light" disabled={!theme.trim()}>
              {t("exchange:openSpace.saveTheme")}
            </Button>
          </Group>
        </form>
        <Group gap="md" align="flex-end" wrap="wrap">
          <form
            onSubmit={onSubmit(() => {
              if (slot.trim()) send({ type: "addSlot", label: slot.trim() });
              setSlot("");
            })}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                w={160}
                label={t("exchange:openSpace.slot")}
                maxLength={40}
                value={slot}
                onChange={(e) => setSlot(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" disabled={!slot.trim()}>
                {t("exchange:openSpace.addSlot")}
              </Button>
            </Group>
          </form>
          <form
            onSubmit={onSubmit(() => {
              if (room.trim()) send({ type: "addRoom", name: room.trim() });
              setRoom("");
            })}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                w={160}
                label={t("exchange:openSpace.room")}
                maxLength={60}
                value={room}
                onChange={(e) => setRoom(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" disabled={!room.trim()}>
                {t("exchange:openSpace.addRoom")}
              </Button>
            </Group>
          </form>
        </Group>
      </Stack>
    </Card>
  );
}

function PlaceForm({ slotId, roomId, where, send }: Cell & { where: string; send: Send }) {
  const { t } = useTranslation("exchange");
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  if (!open)
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        onClick={() => setOpen(true)}
        aria-label={`${t("exchange:openSpace.place")}: ${where}`}
      >
        {t("exchange:openSpace.place")}
      </Button>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) return;
        send({ type: "place", title: title.trim(), description: description.trim(), slotId, roomId });
        setOpen(false);
      }}
    >
      <Stack gap={4}>
        <TextInput
          size="xs"
          label={t("exchange:openSpace.sessionTitle", { where })}
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <Textarea
          size="xs"
          autosize
          minRows={1}
          label={t("exchange:openSpace.description")}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Group gap={4}>
          <Button size="xs" type="submit" disabled={!title.trim()}>
            {t("exchange:openSpace.placeSubmit")}
          </Button>
          <Button size="xs" variant="default" onClick={() => setOpen(false)}>
            {t("exchange:lean.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const SessionCell = memo(function SessionCell({
  session,
  convener,
  closed,
  free,
  send,
}: {
  session: OpenSpaceSession;
  convener: string | null;
  closed: boolean;
  free: (Cell & { label: string })[];
  send: Send;
}) {
  const { t } = useTranslation("exchange");
  countRender(`os:${session.id}`);
  const [target, setTarget] = useState("");
  return (
    <Stack gap={4} className="exchange-os-session">
      <Text fw={600} size="sm" className="exchange-text">
        {session.title}
      </Text>
      {session.description && (
        <Text size="xs" className="exchange-text">
          {session.description}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {convener ? t("exchange:openSpace.convener", { name: convener }) : t("exchange:lean.anonymousTopic")}
        {" · "}
        {t("exchange:openSpace.notes", {
          count: session.notes.length,
          countText: formatNumber(session.notes.length),
        })}
      </Text>
      {session.notes.length > 0 && (
        <ul className="exchange-takeaways">
          {session.notes.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: notes only ever append.
            <li key={i}>
              <Text size="xs" className="exchange-text">
                {item.text}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {!closed && (
        <SendTextForm
          size="xs"
          label={t("exchange:openSpace.noteFor", { title: session.title })}
          submit={t("exchange:kb.post")}
          max={4000}
          clear
          onSend={(text) => send({ type: "note", sessionId: session.id, text })}
        />
      )}
      {session.mine && !closed && (
        <Group gap={4} align="flex-end" wrap="wrap">
          {free.length > 0 && (
            <>
              <NativeSelect
                size="xs"
                label={t("exchange:openSpace.moveTo", { title: session.title })}
                data={[
                  { value: "", label: "—" },
                  ...free.map((cell) => ({ value: `${cell.slotId}|${cell.roomId}`, label: cell.label })),
                ]}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
              />
              <Button
                size="xs"
                variant="default"
                disabled={!target}
                onClick={() => {
                  const [slotId, roomId] = target.split("|");
                  send({ type: "move", sessionId: session.id, slotId, roomId });
                  setTarget("");
                }}
              >
                {t("exchange:openSpace.move")}
              </Button>
            </>
          )}
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => send({ type: "withdraw", sessionId: session.id })}
            aria-label={`${t("exchange:openSpace.withdraw")}: ${session.title}`}
          >
            {t("exchange:openSpace.withdraw")}
          </Button>
        </Group>
      )}
    </Stack>
  );
});

/** The proceedings: every session with its notes in grid order; printable on their own. */
function Proceedings({
  view,
  nameOf,
  onHarvest,
}: {
  view: OpenSpaceView;
  nameOf: (id: string) => string;
  onHarvest: (text: string) => void;
}) {
  const { t } = useTranslation("exchange");
  const print = () => {
    document.documentElement.classList.add("exchange-printing");
    const done = () => {
      document.documentElement.classList.remove("exchange-printing");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="os-proceedings"
      className="exchange-proceedings"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h3" id="os-proceedings">
            {t("exchange:openSpace.proceedingsOf", { theme: view.theme || t("exchange:openSpace.noTheme") })}
          </Title>
          <Group gap="xs" className="exchange-no-print">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPrinter aria-hidden="true" />}
              onClick={print}
            >
              {t("exchange:openSpace.print")}
            </Button>
            <Button size="xs" variant="light" onClick={() => onHarvest(compileProceedings(view, nameOf))}>
              {t("exchange:openSpace.harvest")}
            </Button>
          </Group>
        </Group>
        {view.phase !== "closed" && (
          <Text size="sm" c="dimmed" className="exchange-no-print">
            {t("exchange:openSpace.draft")}
          </Text>
        )}
        {view.proceedings.length === 0 && <Text c="dimmed">{t("exchange:openSpace.empty")}</Text>}
        {view.proceedings.map((entry) => (
          <article key={entry.sessionId} aria-labelledby={`os-p-${entry.sessionId}`}>
            <Title order={4} size="h5" id={`os-p-${entry.sessionId}`}>
              {entry.slotLabel} · {entry.roomName}: {entry.title}
              {entry.convenerId ? ` (${nameOf(entry.convenerId)})` : ""}
            </Title>
            {entry.description && (
              <Text size="sm" className="exchange-text">
                {entry.description}
              </Text>
            )}
            {entry.notes.length > 0 && (
              <ul>
                {entry.notes.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: notes only ever append.
                  <li key={i}>
                    <Text size="sm" className="exchange-text">
                      {item.text}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
      </Stack>
    </Card>
  );
}
