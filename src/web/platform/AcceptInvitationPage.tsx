import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Loader,
  NativeSelect,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { SessionInfo } from "../../shared/auth.ts";
import { api } from "../api.ts";
import { currentLanguage, type UiLanguage } from "../i18n/i18n.ts";
import { fieldErrors } from "../ui/notify.tsx";
import { PublicLayout } from "../ui/PublicLayout.tsx";
import { useSignedIn } from "../ui/session.tsx";

type InvitationPreview = { organisationName: string; email: string; invitedByName: string };

export function AcceptInvitationPage() {
  const { t, i18n } = useTranslation();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [language, setLanguage] = useState<UiLanguage | null>(null);
  const chosenLanguage = language ?? currentLanguage(i18n.language);

  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => api.get<InvitationPreview>(`/invitations/by-token/${encodeURIComponent(token)}`),
  });
  const accept = useMutation({
    mutationFn: () =>
      api.post<SessionInfo>(`/invitations/by-token/${encodeURIComponent(token)}/accept`, {
        name,
        password,
        language: chosenLanguage,
      }),
    onSuccess: (info) => {
      signedIn(info);
      navigate("/");
    },
  });
  const errors = fieldErrors(accept.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };

  return (
    <PublicLayout size="xs">
      <Stack>
        <Title order={1}>{t("invite.acceptTitle")}</Title>
        {preview.isPending && (
          <Center>
            <Loader aria-label={t("common.loading")} />
          </Center>
        )}
        {preview.isError && (
          <Stack>
            <Alert color="red" role="alert">
              {preview.error.message}
            </Alert>
            <Anchor component={Link} to="/">
              {t("auth.toSignIn")}
            </Anchor>
          </Stack>
        )}
        {preview.data && (
          <Card withBorder padding="lg">
            <Stack component="form" onSubmit={submit} gap="sm">
              <Text>
                {t("invite.acceptIntro", {
                  inviter: preview.data.invitedByName,
                  organisation: preview.data.organisationName,
                })}
              </Text>
              <TextInput label={t("auth.email")} value={preview.data.email} readOnly />
              {accept.error && !Object.keys(errors).length && (
                <Alert color="red" role="alert">
                  {accept.error.message}
                </Alert>
              )}
              <TextInput
                label={t("invite.yourName")}
                required
                autoComplete="name"
                maxLength={120}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
              />
              <PasswordInput
                visibilityToggleButtonProps={{ "aria-label": t("auth.showPassword") }}
                label={t("auth.newPassword")}
                description={t("auth.passwordRule")}
                required
                minLength={10}
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.password}
              />
              <NativeSelect
                label={t("profile.uiLanguage")}
                value={chosenLanguage}
                onChange={(e) => setLanguage(e.currentTarget.value as UiLanguage)}
                data={[
                  { value: "de", label: t("languages.de") },
                  { value: "en", label: t("languages.en") },
                ]}
              />
              <Button type="submit" loading={accept.isPending}>
                {t("invite.acceptButton", { organisation: preview.data.organisationName })}
              </Button>
            </Stack>
          </Card>
        )}
      </Stack>
    </PublicLayout>
  );
}
