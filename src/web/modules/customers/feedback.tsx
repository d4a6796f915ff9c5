import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { isApiError } from "../../api.ts";
import i18n from "../../i18n/i18n.ts";
import { notifyError } from "../../ui/notify.tsx";

/**
 * A failed save. On 409 STALE_VERSION someone else changed the same thing meanwhile: the person's
 * input stays in the form; "load latest version" refreshes what the save is based on, so saving
 * again keeps their input on top of the other change.
 */
export function notifySaveError(error: unknown, reload: () => void) {
  if (!(isApiError(error) && error.code === "STALE_VERSION")) {
    notifyError(error);
    return;
  }
  const id = `customers-stale-${Date.now()}`;
  notifications.show({
    id,
    color: "orange",
    title: i18n.t("customers:stale.title"),
    autoClose: false,
    closeButtonProps: { "aria-label": i18n.t("common.close") },
    message: (
      <Group gap="xs" align="center">
        <Text size="sm">{i18n.t("customers:stale.body")}</Text>
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            reload();
            notifications.hide(id);
          }}
        >
          {i18n.t("customers:stale.reload")}
        </Button>
      </Group>
    ),
  });
}
