import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Format, Session, SessionPage, Topic } from "../../../shared/exchange.ts";
import { api } from "../../api.ts";
import { pageItems } from "../../ui/paged.tsx";
import { usePeople } from "../org/queries.ts";

/** Reads of the exchange module, shaped for its pages. Keys are shared so writes can invalidate them. */
export const exchangeKeys = {
  all: ["exchange"] as const,
  formats: ["exchange", "formats"] as const,
  format: (id: string) => ["exchange", "format", id] as const,
  topics: (id: string) => ["exchange", "format", id, "topics"] as const,
  sessions: (id: string) => ["exchange", "format", id, "sessions"] as const,
  session: (id: string) => ["exchange", "session", id] as const,
};

export function useFormats() {
  return useQuery({
    queryKey: exchangeKeys.formats,
    queryFn: async () => (await api.get<{ items: Format[] }>("/exchange/formats")).items,
  });
}

export function useFormat(formatId: string) {
  return useQuery({
    queryKey: exchangeKeys.format(formatId),
    queryFn: () => api.get<Format>(`/exchange/formats/${formatId}`),
  });
}

export function useTopics(formatId: string) {
  return useQuery({
    queryKey: exchangeKeys.topics(formatId),
    queryFn: async () => (await api.get<{ items: Topic[] }>(`/exchange/formats/${formatId}/topics`)).items,
  });
}

export function useSessions(formatId: string) {
  return useQuery({
    queryKey: exchangeKeys.sessions(formatId),
    queryFn: async () =>
      (await api.get<{ items: Session[] }>(`/exchange/formats/${formatId}/sessions`)).items,
  });
}

export function useSessionPage(sessionId: string) {
  return useQuery({
    queryKey: exchangeKeys.session(sessionId),
    queryFn: () => api.get<SessionPage>(`/exchange/sessions/${sessionId}`),
  });
}

/** The people a session's roles can go to: its participants, else everyone in the organisation. */
export function usePersonOptions(data: SessionPage): { value: string; label: string }[] {
  const people = usePeople({}, 500);
  return useMemo(() => {
    if (data.session.participants.length > 0)
      return data.session.participants.map((p) => ({ value: p.id, label: p.name }));
    return pageItems(people).map((p) => ({
      value: p.id,
      label: p.name,
    }));
  }, [data.session.participants, people.data, people]);
}
