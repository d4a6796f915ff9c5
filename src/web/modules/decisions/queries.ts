import { useQuery } from "@tanstack/react-query";
import type { Page } from "../../../shared/common.ts";
import type { Offer } from "../../../shared/customers/offers.ts";
import type { AdviceEntry } from "../../../shared/decisions/advice.ts";
import type { DecisionLogItem, DecisionLogQuery } from "../../../shared/decisions/log.ts";
import type { Notification, NotificationPreferences } from "../../../shared/decisions/notifications.ts";
import type { Proposal, ProposalSummary, Suggestions } from "../../../shared/decisions/proposals.ts";
import type { DecisionSettings } from "../../../shared/decisions/settings.ts";
import { api, query } from "../../api.ts";
import { usePages } from "../../ui/paged.tsx";
import { customerKeys } from "../customers/queries.ts";

/** Reads of the decisions module, shaped for its pages. Keys are shared so writes can invalidate them. */
export const decisionKeys = {
  all: ["decisions"] as const,
  settings: ["decisions", "settings"] as const,
  log: ["decisions", "log"] as const,
  open: ["decisions", "open"] as const,
  reviewDue: ["decisions", "review-due"] as const,
  proposal: (id: string) => ["decisions", "proposal", id] as const,
  advice: (id: string) => ["decisions", "proposal", id, "advice"] as const,
  suggestions: (id: string) => ["decisions", "proposal", id, "suggestions"] as const,
  aboutOffer: (offerId: string) => ["decisions", "offer", offerId] as const,
  notifications: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  preferences: ["notifications", "preferences"] as const,
};

export type LogFilter = Omit<DecisionLogQuery, "cursor" | "limit">;

type Items<T> = T[] | { items: T[] };
const itemsOf = <T>(data: Items<T>): T[] => (Array.isArray(data) ? data : data.items);

export function useDecisionSettings() {
  return useQuery({
    queryKey: decisionKeys.settings,
    queryFn: () => api.get<DecisionSettings>("/decisions/settings"),
    staleTime: 60_000,
  });
}

export function useDecisionLog(filter: LogFilter, limit = 30) {
  return usePages<DecisionLogItem>([...decisionKeys.log, filter, limit], "/decision-log", filter, limit);
}

export function useOpenProposals(filter: { kind?: string; linkType?: string; linkId?: string }, limit = 30) {
  return usePages<ProposalSummary>(
    [...decisionKeys.open, filter, limit],
    "/proposals",
    { ...filter, status: "open" },
    limit,
  );
}

export function useReviewDue(limit = 30) {
  return usePages<ProposalSummary>([...decisionKeys.reviewDue, limit], "/decision-log/review-due", {}, limit);
}

export function useProposal(proposalId: string) {
  return useQuery({
    queryKey: decisionKeys.proposal(proposalId),
    queryFn: () => api.get<Proposal>(`/proposals/${proposalId}`),
  });
}

/** The advice thread, oldest first, a page at a time: a proposal may gather hundreds of entries. */
export function useAdvice(proposalId: string, limit = 20) {
  return usePages<AdviceEntry>(decisionKeys.advice(proposalId), `/proposals/${proposalId}/advice`, {}, limit);
}

export function useSuggestions(proposalId: string, enabled: boolean) {
  return useQuery({
    queryKey: decisionKeys.suggestions(proposalId),
    queryFn: () => api.get<Suggestions>(`/proposals/${proposalId}/suggestions`),
    enabled,
  });
}

export function useOfferProposals(offerId: string) {
  return useQuery({
    queryKey: decisionKeys.aboutOffer(offerId),
    queryFn: async () => itemsOf(await api.get<Items<ProposalSummary>>(`/offers/${offerId}/proposals`)),
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: decisionKeys.unread,
    queryFn: () => api.get<{ count: number }>("/notifications/unread-count"),
    // Someone asking for advice should show up without a reload; a minute is soon enough.
    refetchInterval: 60_000,
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: decisionKeys.notifications,
    queryFn: () => api.get<Page<Notification>>(`/notifications${query({ limit: 20 })}`),
    enabled,
  });
}

export function useNotificationPreferences(enabled: boolean) {
  return useQuery({
    queryKey: decisionKeys.preferences,
    queryFn: () => api.get<NotificationPreferences>("/me/notification-preferences"),
    enabled,
  });
}

/** The offer a proposal starts from (the offer editor's "ask for advice"), for its number and account. */
export function useOfferToLink(offerId: string | null) {
  return useQuery({
    queryKey: customerKeys.offer(offerId ?? ""),
    queryFn: () => api.get<Offer>(`/offers/${offerId}`),
    enabled: Boolean(offerId),
  });
}
