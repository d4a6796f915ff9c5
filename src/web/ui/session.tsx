import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "../../shared/auth.ts";
import type { Organisation } from "../../shared/org.ts";
import { ApiError, api, setCsrfToken } from "../api.ts";
import { applyPersonLocale } from "../i18n/i18n.ts";

export const SESSION_KEY = ["session"] as const;

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const info = await api.get<SessionInfo>("/auth/session");
    setCsrfToken(info.csrfToken);
    applyPersonLocale(info.person.locale);
    return info;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in person and organisation, or null when nobody is signed in. */
export function useSessionQuery() {
  // Checked every 10 s while the tab is visible: a session ended elsewhere (sign-out everywhere, a
  // steward's deactivation) shows the sign-in page within seconds instead of at the next click.
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: 1,
    refetchInterval: 10_000,
  });
}

/** The last session seen, for the one render a shell component may get after the session ended. */
let lastSession: SessionInfo | null = null;

/**
 * Use inside the signed-in shell only, where the session is known to exist. A component that
 * re-renders for its own query between the session ending (sign-out, expiry, a persona switch) and
 * the shell unmounting reads the session's last value rather than crashing the whole app.
 */
export function useSession(): SessionInfo {
  const { data } = useSessionQuery();
  if (data) lastSession = data;
  const session = data ?? lastSession;
  if (!session) throw new Error("useSession outside the signed-in shell");
  return session;
}

/** The organisation with the caller's abilities, kept fresh after settings change. */
export function useOrganisation(): Organisation {
  const session = useSession();
  const { data } = useQuery({
    queryKey: ["org"],
    queryFn: () => api.get<Organisation>("/org"),
    initialData: session.organisation,
    staleTime: 60_000,
  });
  return data;
}

/** Call with the SessionInfo a sign-in, setup or invitation answered with. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return (info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    queryClient.setQueryData(SESSION_KEY, info);
    applyPersonLocale(info.person.locale);
  };
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return async (everywhere: boolean) => {
    await api.post(everywhere ? "/auth/sign-out-everywhere" : "/auth/sign-out", {});
    setCsrfToken(null);
    // Signed out first, then the rest forgotten: clearing the session query too left the shell's
    // components rendering once more without a session ("useSession outside the signed-in shell").
    queryClient.setQueryData(SESSION_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  };
}
