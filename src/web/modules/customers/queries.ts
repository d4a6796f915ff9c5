import { useQuery } from "@tanstack/react-query";
import type { Page } from "../../../shared/common.ts";
import type { Account, Contact, TimelineEntry } from "../../../shared/customers/accounts.ts";
import type { Board, Deal, Stage } from "../../../shared/customers/deals.ts";
import type { Guardrail, Letterhead, Offer, Product } from "../../../shared/customers/offers.ts";
import { api, query } from "../../api.ts";
import { usePages } from "../../ui/paged.tsx";

/** Reads of the customers module, shaped for its pages. Keys are shared so writes can invalidate them. */
export const customerKeys = {
  all: ["customers"] as const,
  stages: ["customers", "stages"] as const,
  board: (cellId: string) => ["customers", "board", cellId] as const,
  deals: ["customers", "deals"] as const,
  deal: (id: string) => ["customers", "deal", id] as const,
  accounts: ["customers", "accounts"] as const,
  account: (id: string) => ["customers", "account", id] as const,
  contacts: (accountId: string) => ["customers", "account", accountId, "contacts"] as const,
  timeline: (accountId: string) => ["customers", "account", accountId, "timeline"] as const,
  offers: ["customers", "offers"] as const,
  dealOffers: (dealId: string) => ["customers", "offers", "deal", dealId] as const,
  offer: (id: string) => ["customers", "offer", id] as const,
  products: ["customers", "products"] as const,
  guardrails: ["customers", "guardrails"] as const,
  letterhead: ["customers", "letterhead"] as const,
};

type Items<T> = T[] | { items: T[] };
/** Collections answer `{items}` (pages add `nextCursor`); a bare array is read the same way. */
const itemsOf = <T>(data: Items<T>): T[] => (Array.isArray(data) ? data : data.items);

export type DealFilter = {
  cellId?: string;
  stageId?: string;
  accountId?: string;
  outcome?: string;
  q?: string;
  sort?: "updatedAt" | "amount" | "expectedClose";
  dir?: "asc" | "desc";
};

export function useStages() {
  return useQuery({
    queryKey: customerKeys.stages,
    queryFn: async () => itemsOf(await api.get<Items<Stage>>("/stages")),
    staleTime: 60_000,
  });
}

export function useBoard(cellId: string | null) {
  return useQuery({
    queryKey: customerKeys.board(cellId ?? ""),
    queryFn: () => api.get<Board>(`/cells/${cellId}/board`),
    enabled: Boolean(cellId),
  });
}

export const fetchColumnPage = (cellId: string, stageId: string, cursor: string) =>
  api.get<Page<Deal>>(`/cells/${cellId}/board/${stageId}${query({ cursor })}`);

export function useDeals(filter: DealFilter, limit = 50) {
  return usePages<Deal>([...customerKeys.deals, filter, limit], "/deals", filter, limit);
}

export function useDeal(dealId: string) {
  return useQuery({ queryKey: customerKeys.deal(dealId), queryFn: () => api.get<Deal>(`/deals/${dealId}`) });
}

export function useAccounts(filter: { cellId?: string; q?: string }, limit = 50) {
  return usePages<Account>([...customerKeys.accounts, filter, limit], "/accounts", filter, limit);
}

export function useAccount(accountId: string) {
  return useQuery({
    queryKey: customerKeys.account(accountId),
    queryFn: () => api.get<Account>(`/accounts/${accountId}`),
  });
}

export function useContacts(accountId: string) {
  return useQuery({
    queryKey: customerKeys.contacts(accountId),
    queryFn: async () =>
      itemsOf(await api.get<Items<Contact>>(`/accounts/${accountId}/contacts${query({ limit: 200 })}`)),
  });
}

export function useTimeline(accountId: string) {
  return usePages<TimelineEntry>(customerKeys.timeline(accountId), `/accounts/${accountId}/timeline`, {}, 50);
}

export type OfferSummary = Omit<Offer, "lines">;

export function useDealOffers(dealId: string) {
  return useQuery({
    queryKey: customerKeys.dealOffers(dealId),
    queryFn: async () => itemsOf(await api.get<Items<OfferSummary>>(`/deals/${dealId}/offers`)),
  });
}

export function useOffer(offerId: string) {
  return useQuery({
    queryKey: customerKeys.offer(offerId),
    queryFn: () => api.get<Offer>(`/offers/${offerId}`),
  });
}

export function useProducts() {
  return useQuery({
    queryKey: customerKeys.products,
    queryFn: async () => itemsOf(await api.get<Items<Product>>(`/products${query({ limit: 200 })}`)),
  });
}

export function useGuardrails() {
  return useQuery({
    queryKey: customerKeys.guardrails,
    queryFn: async () => itemsOf(await api.get<Items<Guardrail>>("/guardrails")),
  });
}

export function useLetterhead() {
  return useQuery({
    queryKey: customerKeys.letterhead,
    queryFn: () => api.get<Letterhead & { version: number }>("/letterhead"),
  });
}
