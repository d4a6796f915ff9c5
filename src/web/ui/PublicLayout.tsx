import { Container, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { PeachMark } from "./PeachMark.tsx";

/** Frame of the pages seen without a session: brand, language switch, one main landmark. */
export function PublicLayout({ children, size = "sm" }: { children: ReactNode; size?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <Container component="header" size={size} py="md">
        <Group justify="space-between">
          <Group gap="xs">
            <PeachMark size={28} />
            <Text fw={700} size="lg">
              Periphery
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
      </Container>
      <Container component="main" id="main" tabIndex={-1} size={size} pb="xl">
        {children}
      </Container>
    </>
  );
}
