import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  BetaCheck,
  BetaCheckAnswerInput,
  BetaCheckInput,
  BetaCheckResults,
  BetaTrend,
} from "../../../shared/insights/betaCheck.ts";
import type {
  BaselineInput,
  ChangeMarkerInput,
  Definitions,
  Grain,
  InsightCellList,
  Insights,
} from "../../../shared/insights/figures.ts";
import { api, query } from "../../api.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { usePages } from "../../ui/paged.tsx";

/** Reads of the insights module, shaped for its pages. Keys are shared so writes can invalidate them. */
export const insightKeys = {
  all: ["insights"] as const,
  cells: ["insights", "cells"] as const,
  figures: (cellId: string | null, grain: Grain) => ["insights", "figures", cellId ?? "org", grain] as const,
  definitions: ["insights", "definitions"] as const,
  checks: ["beta-checks"] as const,
  checkList: (cellId: string) => ["beta-checks", "list", cellId] as const,
  check: (id: string) => ["beta-checks", "one", id] as const,
  results: (id: string) => ["beta-checks", "one", id, "results"] as const,
  trend: (cellId: string) => ["beta-checks", "trend", cellId] as const,
};

export function useInsightCells() {
  return useQuery({
    queryKey: insightKeys.cells,
    queryFn: () => api.get<InsightCellList>("/insights/cells"),
    staleTime: 60_000,
  });
}

/** A cell's figures, or the organisation's when `cellId` is null. */
export function useInsights(cellId: string | null, grain: Grain) {
  return useQuery({
    queryKey: insightKeys.figures(cellId, grain),
    queryFn: () =>
      api.get<Insights>(`${cellId ? `/insights/cells/${cellId}` : "/insights/org"}${query({ grain })}`),
  });
}

export function useDefinitions() {
  return useQuery({
    queryKey: insightKeys.definitions,
    queryFn: () => api.get<Definitions>("/insights/definitions"),
    staleTime: 5 * 60_000,
  });
}

/** Baselines and "limits change here" markers: every chart of the cell may move, so all figures reload. */
export function useChartSettingWrite<Input>(write: (input: Input) => Promise<unknown>, success: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["insights", "figures"] });
      notifySuccess(success);
    },
    onError: (error) => notifyError(error),
  });
}

export const chartSettingWrites = {
  fixBaseline: (input: BaselineInput) => api.put("/insights/baselines", input),
  clearBaseline: (baselineId: string) => api.delete(`/insights/baselines/${baselineId}`),
  addMarker: (input: ChangeMarkerInput) => api.post("/insights/markers", input),
  removeMarker: (markerId: string) => api.delete(`/insights/markers/${markerId}`),
};

/** Beta checks of a cell, or organisation-wide ones with `cellId` "org". */
export function useBetaChecks(cellId: string, limit = 20) {
  return usePages<BetaCheck>(insightKeys.checkList(cellId), "/beta-checks", { cellId }, limit);
}

export function useBetaCheck(checkId: string) {
  return useQuery({
    queryKey: insightKeys.check(checkId),
    queryFn: () => api.get<BetaCheck>(`/beta-checks/${checkId}`),
  });
}

export function useBetaResults(checkId: string, enabled: boolean) {
  return useQuery({
    queryKey: insightKeys.results(checkId),
    queryFn: () => api.get<BetaCheckResults>(`/beta-checks/${checkId}/results`),
    enabled,
  });
}

export function useBetaTrend(cellId: string) {
  return useQuery({
    queryKey: insightKeys.trend(cellId),
    queryFn: () => api.get<BetaTrend>(`/beta-checks/trend${query({ cellId })}`),
  });
}

export function useOpenBetaCheck(onOpened: (check: BetaCheck) => void, success: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BetaCheckInput) => api.post<BetaCheck>("/beta-checks", input),
    onSuccess: (check) => {
      queryClient.invalidateQueries({ queryKey: insightKeys.checks });
      notifySuccess(success);
      onOpened(check);
    },
    onError: (error) => notifyError(error),
  });
}

export function useAnswerBetaCheck(checkId: string, success: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BetaCheckAnswerInput) => api.post(`/beta-checks/${checkId}/answers`, input),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: insightKeys.checks });
      notifySuccess(success);
    },
    onError: (error) => {
      queryClient.invalidateQueries({ queryKey: insightKeys.check(checkId) });
      notifyError(error);
    },
  });
}
