import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { SessionInfo } from "../../shared/auth.ts";
import { api } from "../api.ts";
import { currentLanguage } from "../i18n/i18n.ts";
import { fieldErrors } from "../ui/notify.tsx";
import { PublicLayout } from "../ui/PublicLayout.tsx";
import { useSignedIn } from "../ui/session.tsx";

export function RequestResetPage() {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState("");
  const request = useMutation({
    mutationFn: () => api.post("/auth/password-reset", { email, language: currentLanguage(i18n.language) }),
  });
  const errors = fieldErrors(request.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };

  return (
    <PublicLayout size="xs">
      <Stack>
        <Title order={1}>{t("reset.requestTitle")}</Title>
        <Card withBorder padding="lg">
          {request.isSuccess ? (
            <Alert color="green" role="status">
              {t("reset.requested")}
            </Alert>
          ) : (
            <Stack component="form" onSubmit={submit} gap="sm">
              <Text size="sm">{t("reset.requestIntro")}</Text>
              {request.error && !Object.keys(errors).length && (
                <Alert color="red" role="alert">
                  {request.error.message}
                </Alert>
              )}
              <TextInput
                label={t("auth.email")}
                type="email"
                required
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.email}
              />
              <Button type="submit" loading={request.isPending}>
                {t("reset.requestButton")}
              </Button>
            </Stack>
          )}
        </Card>
        <Anchor component={Link} to="/">
          {t("auth.toSignIn")}
        </Anchor>
      </Stack>
    </PublicLayout>
  );
}

export function ConfirmResetPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [password, setPassword] = useState("");
  const confirm = useMutation({
    mutationFn: () => api.post<SessionInfo>("/auth/password-reset/confirm", { token, password }),
    onSuccess: (info) => {
      signedIn(info);
      navigate("/");
    },
  });
  const errors = fieldErrors(confirm.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };

  return (
    <PublicLayout size="xs">
      <Stack>
        <Title order={1}>{t("reset.confirmTitle")}</Title>
        <Card withBorder padding="lg">
          <Stack component="form" onSubmit={submit} gap="sm">
            {confirm.error && !errors.password && (
              <Alert color="red" role="alert">
                {confirm.error.message}{" "}
                {confirm.error && "code" in confirm.error && confirm.error.code === "RESET_INVALID" && (
                  <Anchor component={Link} to="/reset-password">
                    {t("reset.requestAgain")}
                  </Anchor>
                )}
              </Alert>
            )}
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
            <Button type="submit" loading={confirm.isPending}>
              {t("reset.confirmButton")}
            </Button>
          </Stack>
        </Card>
      </Stack>
    </PublicLayout>
  );
}
