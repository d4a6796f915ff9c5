import { Group, NativeSelect, Text } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { DemoPersona, DemoPersonaList, SessionInfo } from "../../../shared/auth.ts";
import { api } from "../../api.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useSessionQuery, useSignedIn } from "../../ui/session.tsx";

/**
 * "You are viewing the demo as …": in the demo organisation only, the visitor switches between the
 * demo's personas (a seller in Team Nord, a steward, someone in Pricing). A switch is a new sign-in
 * as that demo person, so every page shows what they would see.
 */
export function DemoPersonaSwitch() {
  const { t } = useTranslation();
  // Not useSession: at sign-out this query's observer may render once more after the session is gone.
  const person = useSessionQuery().data?.person;
  const signedIn = useSignedIn();
  const personas = useQuery({
    queryKey: ["demo", "personas", person?.id],
    queryFn: () => api.get<DemoPersonaList>("/demo/personas"),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: Boolean(person),
  });
  const change = useMutation({
    mutationFn: (persona: DemoPersona) => api.post<SessionInfo>("/demo/persona", { persona }),
    onSuccess: (info) => {
      signedIn(info);
      notifySuccess(t("demo.switched", { name: info.person.name }));
    },
    onError: (error) => notifyError(error),
  });
  if (!person || !personas.data || personas.data.items.length === 0) return null;

  const current = personas.data.current;
  const options: { value: DemoPersona | ""; label: string }[] = personas.data.items.map((item) => ({
    value: item.persona,
    label: t(`demo.persona_${item.persona}`, { name: item.name, cell: item.cellName }),
  }));
  // An invited colleague is none of the personas: they stay themselves until they pick one.
  if (!current) options.unshift({ value: "", label: t("demo.otherPerson", { name: person.name }) });

  return (
    <Group gap="xs" wrap="wrap" mb="sm" className="demo-persona">
      <Text component="label" htmlFor="demo-persona" size="sm">
        {t("demo.viewingAs")}
      </Text>
      <NativeSelect
        id="demo-persona"
        size="xs"
        data={options}
        value={current ?? ""}
        disabled={change.isPending}
        onChange={(event) => {
          const value = event.currentTarget.value as DemoPersona | "";
          if (value) change.mutate(value);
        }}
      />
    </Group>
  );
}
