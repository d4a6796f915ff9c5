import { Alert, Anchor, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SessionInfo, SetupStatus } from "../../shared/auth.ts";
import { api } from "../api.ts";
import { fieldErrors } from "../ui/notify.tsx";
import { PublicLayout } from "../ui/PublicLayout.tsx";
import { useSignedIn } from "../ui/session.tsx";

export function SignInPage({ status }: { status: SetupStatus }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => api.post<SessionInfo>("/auth/sign-in", { email, password }),
    onSuccess: signedIn,
  });
  const demo = useMutation({
    mutationFn: () => api.post<SessionInfo>("/setup/demo", {}),
    onSuccess: signedIn,
  });
  const errors = fieldErrors(signIn.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <PublicLayout size="xs">
      <Stack>
        <Title order={1}>{t("auth.signInTitle")}</Title>
        <Card withBorder padding="lg">
          <Stack component="form" onSubmit={submit} gap="sm">
            {signIn.error && !Object.keys(errors).length && (
              <Alert color="red" role="alert">
                {signIn.error.message}
              </Alert>
            )}
            <TextInput
              label={t("auth.email")}
              type="email"
              required
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              visibilityToggleButtonProps={{ "aria-label": t("auth.showPassword") }}
              label={t("auth.password")}
              required
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            <Button type="submit" loading={signIn.isPending}>
              {t("auth.signIn")}
            </Button>
            <Anchor component={Link} to="/reset-password" size="sm">
              {t("auth.forgotPassword")}
            </Anchor>
            {status.firstStart && (
              <Anchor component={Link} to="/" size="sm">
                {t("auth.backToStart")}
              </Anchor>
            )}
          </Stack>
        </Card>
        {status.demoAvailable && (
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Text size="sm">{t("auth.demoHint")}</Text>
              <Button variant="outline" onClick={() => demo.mutate()} loading={demo.isPending}>
                {t("firstStart.demoButton")}
              </Button>
              {demo.error && (
                <Alert color="red" role="alert">
                  {demo.error.message}
                </Alert>
              )}
            </Stack>
          </Card>
        )}
      </Stack>
    </PublicLayout>
  );
}
