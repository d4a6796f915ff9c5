import { Alert, Center, Loader } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { SetupStatus } from "../../shared/auth.ts";
import { api } from "../api.ts";
import { PublicLayout } from "../ui/PublicLayout.tsx";
import { FirstStartPage } from "./FirstStartPage.tsx";
import { SignInPage } from "./SignInPage.tsx";

/**
 * Without a session: the first-start choices on an instance without a real organisation, else the
 * sign-in form — and the sign-in form at /sign-in always (the demo's invited colleagues come back).
 */
export function StartPage({ signIn = false }: { signIn?: boolean }) {
  const { t } = useTranslation();
  const setup = useQuery({ queryKey: ["setup"], queryFn: () => api.get<SetupStatus>("/setup") });

  if (setup.isPending) {
    return (
      <PublicLayout>
        <Center py="xl">
          <Loader aria-label={t("common.loading")} />
        </Center>
      </PublicLayout>
    );
  }
  if (setup.isError) {
    return (
      <PublicLayout>
        <Alert color="red" title={t("errors.unavailableTitle")}>
          {setup.error.message}
        </Alert>
      </PublicLayout>
    );
  }
  return setup.data.firstStart && !signIn ? (
    <FirstStartPage status={setup.data} />
  ) : (
    <SignInPage status={setup.data} />
  );
}
