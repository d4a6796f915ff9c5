import { useQuery } from "@tanstack/react-query";
import type { Page } from "../../../shared/common.ts";
import type {
  AuditEntry,
  Cell,
  CellMembership,
  Invitation,
  Person,
  WorkingAgreement,
} from "../../../shared/org.ts";
import { api, query } from "../../api.ts";
import { usePages } from "../../ui/paged.tsx";

/** Reads of the org module, shaped for its pages. Keys are shared so writes can invalidate them. */
export const orgKeys = {
  cells: ["cells"] as const,
  cell: (id: string) => ["cells", id] as const,
  agreements: (cellId: string) => ["cells", cellId, "agreements"] as const,
  membership: (cellId: string) => ["cells", cellId, "membership"] as const,
  people: ["people"] as const,
  person: (id: string) => ["people", "one", id] as const,
  invitations: ["invitations"] as const,
  audit: ["audit"] as const,
};

/** Every cell of the organisation (the map and the member picker need all, not a page). */
export function useAllCells() {
  return useQuery({
    queryKey: orgKeys.cells,
    queryFn: async () => {
      const cells: Cell[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Cell> = await api.get<Page<Cell>>(`/cells${query({ cursor, limit: 500 })}`);
        cells.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return cells;
    },
  });
}

export function useCell(cellId: string) {
  return useQuery({ queryKey: orgKeys.cell(cellId), queryFn: () => api.get<Cell>(`/cells/${cellId}`) });
}

/** Who was in the cell from when to when, and what the caller may change (members govern the cell). */
export function useMembership(cellId: string) {
  return useQuery({
    queryKey: orgKeys.membership(cellId),
    queryFn: () => api.get<CellMembership>(`/cells/${cellId}/membership`),
  });
}

export function useAgreements(cellId: string) {
  return useQuery({
    queryKey: orgKeys.agreements(cellId),
    queryFn: () => api.get<Page<WorkingAgreement>>(`/cells/${cellId}/agreements${query({ limit: 500 })}`),
  });
}

export function usePeople(filter: { q?: string; skill?: string }, limit = 50) {
  return usePages<Person>(
    [...orgKeys.people, "list", filter.q ?? "", filter.skill ?? "", limit],
    "/people",
    { q: filter.q, skill: filter.skill },
    limit,
  );
}

export function usePerson(personId: string) {
  return useQuery({
    queryKey: orgKeys.person(personId),
    queryFn: () => api.get<Person>(`/people/${personId}`),
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.invitations,
    queryFn: () => api.get<Page<Invitation>>(`/invitations${query({ limit: 200 })}`),
    enabled,
  });
}

export function useAudit() {
  return usePages<AuditEntry>(orgKeys.audit, "/audit", {}, 50);
}
