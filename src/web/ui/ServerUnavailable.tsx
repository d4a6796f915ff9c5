import { Alert, Button, Container, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function ServerUnavailable({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Container component="main" size="sm" py="xl">
      <Stack>
        <Alert color="red" title={t("errors.unavailableTitle")}>
          {error.message}
        </Alert>
        <Button onClick={onRetry} w="fit-content">
          {t("errors.retry")}
        </Button>
      </Stack>
    </Container>
  );
}
