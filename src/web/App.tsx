import { createTheme, darken, MantineProvider, type MantineTheme } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter } from "react-router";
import { isApiError } from "./api.ts";
import { AppRoutes } from "./routes.tsx";
import { SESSION_KEY } from "./ui/session.tsx";

// Shades chosen for WCAG AA contrast: Mantine's default filled shade 6 and gray-6 "dimmed" fall below 4.5:1.
const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});

// Light variants (alerts, active navigation, badges) put shade 9 text on shade 1, hovered on shade 2: under
// 4.5:1 for green, orange and others. Here: shade 0/1 backgrounds and shade 9 darkened by a third for text.
// Dimmed text uses gray-7 instead of gray-6 (3.3:1). A field's error (its message and the typed text) uses
// red-9: red-8 on white is 4.47:1 and axe flags every field that shows why its number cannot be read.
const contrastVariables = (theme: MantineTheme): Record<string, string> => ({
  "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
  "--mantine-color-error": "var(--mantine-color-red-9)",
  ...Object.fromEntries(
    ["blue", "green", "red", "orange", "gray", "yellow", "grape", "teal", "cyan", "violet", "pink"].flatMap(
      (colour) => [
        [`--mantine-color-${colour}-light`, `var(--mantine-color-${colour}-0)`],
        [`--mantine-color-${colour}-light-hover`, `var(--mantine-color-${colour}-1)`],
        [`--mantine-color-${colour}-light-color`, darken(theme.colors[colour][9], 0.33)],
      ],
    ),
  ),
});

// A session that ended elsewhere (expiry, sign-out everywhere) brings the sign-in page back.
const onSessionEnded = (error: Error) => {
  if (isApiError(error) && error.code === "UNAUTHENTICATED") queryClient.setQueryData(SESSION_KEY, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionEnded }),
  mutationCache: new MutationCache({ onError: onSessionEnded }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <MantineProvider
      theme={theme}
      defaultColorScheme="light"
      cssVariablesResolver={(t) => ({ variables: {}, light: contrastVariables(t), dark: {} })}
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
