import {
  Alert,
  Anchor,
  Button,
  Card,
  Loader,
  NativeSelect,
  PasswordInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconBuildingCommunity, IconSparkles } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CreateOrganisation, DemoPersona, SessionInfo, SetupStatus } from "../../shared/auth.ts";
import { api } from "../api.ts";
import { currentLanguage, type UiLanguage } from "../i18n/i18n.ts";
import { fieldErrors, notifyError } from "../ui/notify.tsx";
import { PublicLayout } from "../ui/PublicLayout.tsx";
import { useSignedIn } from "../ui/session.tsx";

const PERSONAS: { value: DemoPersona; label: string; hint: string }[] = [
  { value: "seller", label: "firstStart.personaSeller", hint: "firstStart.personaSellerHint" },
  { value: "steward", label: "firstStart.personaSteward", hint: "firstStart.personaStewardHint" },
  { value: "centre", label: "firstStart.personaCentre", hint: "firstStart.personaCentreHint" },
];

export function FirstStartPage({ status }: { status: SetupStatus }) {
  const { t, i18n } = useTranslation();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [form, setForm] = useState<Omit<CreateOrganisation, "language">>({
    organisationName: "",
    name: "",
    email: "",
    password: "",
  });
  const [language, setLanguage] = useState<UiLanguage | null>(null);
  const [persona, setPersona] = useState<DemoPersona>("seller");
  const chosenLanguage = language ?? currentLanguage(i18n.language);

  const create = useMutation({
    mutationFn: (body: CreateOrganisation) => api.post<SessionInfo>("/setup/organisation", body),
    onSuccess: (info) => {
      signedIn(info);
      navigate("/");
    },
    onError: (error) => notifyError(error),
  });
  const demo = useMutation({
    mutationFn: () => api.post<SessionInfo>("/setup/demo", { persona }),
    onSuccess: (info) => {
      signedIn(info);
      navigate("/");
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(create.error);
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) => {
    // Read now: React may run the updater after the event's currentTarget is gone.
    const value = event.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...form, language: chosenLanguage });
  };

  return (
    <PublicLayout size="lg">
      <Stack gap="lg">
        <div>
          <Title order={1}>{t("firstStart.title")}</Title>
          <Text mt="xs">{t("firstStart.intro")}</Text>
          {status.signInAvailable && (
            <Text mt="xs">
              {t("firstStart.signInPrompt")}{" "}
              <Anchor component={Link} to="/sign-in">
                {t("firstStart.signInLink")}
              </Anchor>
            </Text>
          )}
        </div>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card withBorder padding="lg" component="section" aria-labelledby="create-org-title">
            <Stack component="form" onSubmit={submit} gap="sm">
              <Title order={2} size="h3" id="create-org-title">
                <IconBuildingCommunity size={22} aria-hidden /> {t("firstStart.createTitle")}
              </Title>
              <Text size="sm">{t("firstStart.createBody")}</Text>
              <TextInput
                label={t("firstStart.organisationName")}
                required
                maxLength={120}
                value={form.organisationName}
                onChange={set("organisationName")}
                error={errors.organisationName}
              />
              <NativeSelect
                label={t("firstStart.language")}
                value={chosenLanguage}
                onChange={(e) => setLanguage(e.currentTarget.value as UiLanguage)}
                data={[
                  { value: "de", label: t("languages.de") },
                  { value: "en", label: t("languages.en") },
                ]}
                error={errors.language}
              />
              <TextInput
                label={t("firstStart.yourName")}
                required
                autoComplete="name"
                maxLength={120}
                value={form.name}
                onChange={set("name")}
                error={errors.name}
              />
              <TextInput
                label={t("auth.email")}
                type="email"
                required
                autoComplete="email"
                value={form.email}
                onChange={set("email")}
                error={errors.email}
              />
              <PasswordInput
                visibilityToggleButtonProps={{ "aria-label": t("auth.showPassword") }}
                label={t("auth.password")}
                description={t("auth.passwordRule")}
                required
                minLength={10}
                autoComplete="new-password"
                value={form.password}
                onChange={set("password")}
                error={errors.password}
              />
              <Button type="submit" loading={create.isPending}>
                {t("firstStart.createButton")}
              </Button>
            </Stack>
          </Card>
          <Card withBorder padding="lg" component="section" aria-labelledby="demo-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="demo-title">
                <IconSparkles size={22} aria-hidden /> {t("firstStart.demoTitle")}
              </Title>
              <Text size="sm">{t("firstStart.demoBody")}</Text>
              {status.demoAvailable ? (
                <>
                  <Radio.Group
                    label={t("firstStart.personaLegend")}
                    value={persona}
                    onChange={(value) => setPersona(value as DemoPersona)}
                  >
                    <Stack gap="xs" mt="xs">
                      {PERSONAS.map(({ value, label, hint }) => (
                        <Radio key={value} value={value} label={t(label)} description={t(hint)} />
                      ))}
                    </Stack>
                  </Radio.Group>
                  <Button variant="outline" onClick={() => demo.mutate()} disabled={demo.isPending}>
                    {t("firstStart.demoButton")}
                  </Button>
                </>
              ) : (
                <Alert color="gray">{t("firstStart.demoUnavailable")}</Alert>
              )}
              {demo.isPending && (
                <Alert color="blue" icon={<Loader size="sm" aria-hidden="true" />} role="status">
                  {t("firstStart.demoProgress")}
                </Alert>
              )}
            </Stack>
          </Card>
        </SimpleGrid>
      </Stack>
    </PublicLayout>
  );
}
