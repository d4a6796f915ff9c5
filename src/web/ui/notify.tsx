import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { isApiError } from "../api.ts";
import i18n from "../i18n/i18n.ts";

const closeButtonProps = () => ({ "aria-label": i18n.t("common.close") });

export function notifySuccess(message: string) {
  notifications.show({ color: "green", message, autoClose: 4000, closeButtonProps: closeButtonProps() });
}

/**
 * Shows an API failure in the person's language. A 409 STALE_VERSION means someone else changed
 * the same thing meanwhile: say so and offer to load their version.
 */
export function notifyError(error: unknown, onReload?: () => void) {
  const message = error instanceof Error ? error.message : i18n.t("errors.unexpected", { status: "?" });
  if (isApiError(error) && error.code === "STALE_VERSION") {
    const id = `stale-${Date.now()}`;
    notifications.show({
      id,
      color: "orange",
      title: i18n.t("errors.staleTitle"),
      autoClose: false,
      closeButtonProps: closeButtonProps(),
      message: (
        <Group gap="xs" align="center">
          <Text size="sm">{i18n.t("errors.staleBody")}</Text>
          {onReload && (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                onReload();
                notifications.hide(id);
              }}
            >
              {i18n.t("errors.reload")}
            </Button>
          )}
        </Group>
      ),
    });
    return;
  }
  notifications.show({
    color: "red",
    title: i18n.t("errors.title"),
    message,
    autoClose: 8000,
    closeButtonProps: closeButtonProps(),
  });
}

/** Field messages of a failed form submit, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  return isApiError(error) ? error.fields : {};
}
