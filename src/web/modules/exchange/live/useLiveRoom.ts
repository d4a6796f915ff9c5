import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { ClientMessage } from "../../../../shared/exchangeLive/protocol.ts";
import { type LiveConnection as Connection, LiveConnection, type LiveSnapshot } from "./connection.ts";

export type LiveRoom<View> = LiveSnapshot<View> & {
  /** Sends an action to the room; refusals come back as a notification in the person's language. */
  send: (action: ClientMessage) => void;
};

/** The live room of a session while the component is mounted (see connection.ts). */
export function useLiveRoom<View>(sessionId: string): LiveRoom<View> {
  const { t } = useTranslation("exchange");
  const [connection] = useState<Connection<View>>(
    () =>
      new LiveConnection<View>(sessionId, (error) =>
        notifications.show({
          color: "red",
          title: t("exchange:live.refused"),
          message: error.message,
          autoClose: 6000,
          closeButtonProps: { "aria-label": t("common.close", { ns: "translation" }) },
        }),
      ),
  );
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const send = useCallback(
    (action: ClientMessage) => {
      if (!connection.send(action))
        notifications.show({
          color: "orange",
          message: t("exchange:live.notConnected"),
          autoClose: 4000,
          closeButtonProps: { "aria-label": t("common.close", { ns: "translation" }) },
        });
    },
    [connection, t],
  );
  return { ...snapshot, send };
}
