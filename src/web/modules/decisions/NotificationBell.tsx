import "./i18n.ts";
import { ActionIcon, Indicator, Menu, Text } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { Notification } from "../../../shared/decisions/notifications.ts";
import { api } from "../../api.ts";
import { formatDateTime, formatNumber } from "../../ui/format.ts";
import { notifyError } from "../../ui/notify.tsx";
import { decisionKeys, useNotifications, useUnreadCount } from "./queries.ts";

/**
 * The bell in the header: how many notifications are unread, and the latest ones. Opening one marks
 * it read; "mark all as read" clears the count.
 */
export function NotificationBell() {
  const { t } = useTranslation("decisions");
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const list = useNotifications(opened);
  const count = unread.data?.count ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: decisionKeys.notifications });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${id}/read`, {}),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  const markAll = useMutation({
    mutationFn: () => api.post("/notifications/read-all", {}),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  const items = list.data?.items ?? [];

  return (
    <Menu position="bottom-end" width={340} withinPortal opened={opened} onChange={setOpened}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="dark"
          size="lg"
          aria-label={t("decisions:notifications.bell", { count })}
        >
          <Indicator label={formatNumber(count)} size={16} disabled={count === 0} color="red" offset={2}>
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("decisions:notifications.title")}</Menu.Label>
        {list.isPending && <Menu.Item disabled>{t("common.loading", { ns: "translation" })}</Menu.Item>}
        {list.data && items.length === 0 && (
          <Menu.Item disabled>{t("decisions:notifications.empty")}</Menu.Item>
        )}
        {items.map((item) => (
          <Menu.Item
            key={item.id}
            component={RouterLink}
            to={`/decisions/${item.proposalId}`}
            onClick={() => {
              if (!item.readAt) markRead.mutate(item.id);
            }}
          >
            <Text size="sm" fw={item.readAt ? 400 : 700}>
              {notificationText(t, item)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(item.createdAt)}
              {!item.readAt && ` · ${t("decisions:notifications.unread")}`}
            </Text>
          </Menu.Item>
        ))}
        {count > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => markAll.mutate()}>{t("decisions:notifications.markAllRead")}</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function notificationText(t: (key: string, options?: Record<string, unknown>) => string, item: Notification) {
  return t(`decisions:notifications.kinds.${item.kind}`, {
    title: item.proposalTitle,
    actor: item.actor?.name ?? "",
  });
}
