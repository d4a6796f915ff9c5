import { Alert, Stack, Text, Title } from "@mantine/core";
import { IconHourglass } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** Modules of PRODUCT.md that are not built yet; their pages say what they will do, and nothing more. */
export const COMING_MODULES: readonly ("library" | "system")[] = [];
export type ComingModule = (typeof COMING_MODULES)[number];

export function ComingPage({ module }: { module: ComingModule }) {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={1}>{t(`nav.${module}`)}</Title>
      <Alert
        color="gray"
        variant="light"
        icon={<IconHourglass aria-hidden="true" />}
        title={t("coming.title")}
      >
        {t("coming.body")}
      </Alert>
      <Text>{t(`coming.${module}`)}</Text>
    </Stack>
  );
}
