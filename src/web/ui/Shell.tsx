import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconAlertTriangle,
  IconApi,
  IconBook,
  IconBriefcase,
  IconChartLine,
  IconChevronDown,
  IconCircles,
  IconGavel,
  IconHistory,
  IconLogout,
  IconMap2,
  IconMessages,
  IconSettings,
  IconUser,
  IconUsers,
  IconWorldOff,
} from "@tabler/icons-react";
import { type ComponentType, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { NotificationBell } from "../modules/decisions/NotificationBell.tsx";
import { DemoPersonaSwitch } from "../modules/org/DemoPersonaSwitch.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { notifyError } from "./notify.tsx";
import { PeachMark } from "./PeachMark.tsx";
import { useOrganisation, useSession, useSignOut } from "./session.tsx";

type NavItem = { to: string; key: string; icon: ComponentType<{ size?: number; "aria-hidden"?: boolean }> };

const NAV: NavItem[] = [
  { to: "/map", key: "map", icon: IconMap2 },
  { to: "/people", key: "people", icon: IconUsers },
  { to: "/cells", key: "cells", icon: IconCircles },
  { to: "/customers", key: "customers", icon: IconBriefcase },
  { to: "/decisions", key: "decisions", icon: IconGavel },
  { to: "/exchange", key: "exchange", icon: IconMessages },
  { to: "/library", key: "library", icon: IconBook },
  { to: "/system", key: "system", icon: IconAlertTriangle },
  { to: "/insights", key: "insights", icon: IconChartLine },
  { to: "/audit", key: "audit", icon: IconHistory },
  { to: "/settings", key: "settings", icon: IconSettings },
];

function isActive(pathname: string, to: string) {
  if (to === "/map") return pathname === "/" || pathname === "/map";
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const organisation = useOrganisation();
  const firstPath = useRef(pathname);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = "";
    document.getElementById("main")?.focus({ preventScroll: false });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t("shell.closeNavigation") : t("shell.openNavigation")}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
              <PeachMark size={28} />
              <Text fw={700} truncate="end" component="span">
                {organisation.name}
              </Text>
              {organisation.isDemo && !/demo/i.test(organisation.name) && (
                <Text size="xs" c="dimmed" visibleFrom="xs" component="span">
                  ({t("shell.demo")})
                </Text>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NotificationBell />
              <LanguageSwitch />
              <PersonMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          p="xs"
          id="main-navigation"
          aria-label={t("shell.navigation")}
          className={opened ? undefined : "shell-navbar-closed"}
        >
          <ScrollArea type="auto">
            {NAV.map((item) => (
              <NavLink
                key={item.key}
                component={Link}
                to={item.to}
                label={t(`nav.${item.key}`)}
                leftSection={<item.icon size={18} aria-hidden />}
                active={isActive(pathname, item.to)}
                aria-current={isActive(pathname, item.to) ? "page" : undefined}
                onClick={close}
              />
            ))}
          </ScrollArea>
          <NavLink
            mt="auto"
            component="a"
            href="/api/docs"
            target="_blank"
            rel="noopener"
            label={t("shell.apiDocs")}
            leftSection={<IconApi size={18} aria-hidden />}
          />
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          {organisation.isDemo && <DemoPersonaSwitch />}
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}

function PersonMenu() {
  const { t } = useTranslation();
  const { person } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();

  const run = (everywhere: boolean) => {
    signOut(everywhere)
      .then(() => navigate("/"))
      .catch((error) => notifyError(error));
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("shell.personMenu", { name: person.name })}>
          <Group gap={6} wrap="nowrap">
            <Avatar size="sm" name={person.name} color="blue" variant="filled" aria-hidden="true" />
            <Text size="sm" visibleFrom="md" component="span">
              {person.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{person.email}</Menu.Label>
        <Menu.Item
          component={Link}
          to={`/people/${person.id}`}
          leftSection={<IconUser size={16} aria-hidden />}
        >
          {t("shell.profile")}
        </Menu.Item>
        <Menu.Item
          component="a"
          href="/api/docs"
          target="_blank"
          leftSection={<IconApi size={16} aria-hidden />}
        >
          {t("shell.apiDocs")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => run(false)}>
          {t("shell.signOut")}
        </Menu.Item>
        <Menu.Item leftSection={<IconWorldOff size={16} aria-hidden />} onClick={() => run(true)}>
          {t("shell.signOutEverywhere")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
