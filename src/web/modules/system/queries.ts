import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Page } from "../../../shared/common.ts";
import type {
  ConditionRegister,
  Flows,
  Obstacle,
  ObstacleLeadTimes,
  ObstacleStatus,
  ObstacleSummary,
  Service,
  ServiceRequest,
} from "../../../shared/system.ts";
import { api, query } from "../../api.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { usePages } from "../../ui/paged.tsx";

/** Reads of the system module, shaped for its pages. Keys are shared so writes can invalidate them. */
export const systemKeys = {
  all: ["system"] as const,
  obstacles: ["system", "obstacles"] as const,
  obstacle: (id: string) => ["system", "obstacles", "one", id] as const,
  leadTimes: ["system", "obstacles", "lead-times"] as const,
  services: ["system", "services"] as const,
  service: (id: string) => ["system", "services", "one", id] as const,
  requests: ["system", "requests"] as const,
  request: (id: string) => ["system", "requests", "one", id] as const,
  conditions: ["system", "conditions"] as const,
  flows: (days: number) => ["system", "flows", days] as const,
};

export function useObstacles(filter: { status?: ObstacleStatus }, limit = 30) {
  return usePages<ObstacleSummary>(
    [...systemKeys.obstacles, "list", filter, limit],
    "/system/obstacles",
    filter,
    limit,
  );
}

export const useObstacle = (id: string) =>
  useQuery({
    queryKey: systemKeys.obstacle(id),
    queryFn: () => api.get<Obstacle>(`/system/obstacles/${id}`),
  });

export const useObstacleLeadTimes = () =>
  useQuery({
    queryKey: systemKeys.leadTimes,
    queryFn: () => api.get<ObstacleLeadTimes>("/system/obstacles/lead-times"),
  });

export const useServices = () =>
  useQuery({
    queryKey: systemKeys.services,
    queryFn: () => api.get<{ items: Service[]; minGroupSize: number }>("/system/services"),
  });

export const useService = (id: string) =>
  useQuery({ queryKey: systemKeys.service(id), queryFn: () => api.get<Service>(`/system/services/${id}`) });

export function useRequests(filter: { serviceId?: string }, limit = 30) {
  return usePages<ServiceRequest>(
    [...systemKeys.requests, "list", filter, limit],
    "/system/requests",
    filter,
    limit,
  );
}

export const useRequest = (id: string) =>
  useQuery({
    queryKey: systemKeys.request(id),
    queryFn: () => api.get<ServiceRequest>(`/system/requests/${id}`),
  });

export const useConditions = () =>
  useQuery({
    queryKey: systemKeys.conditions,
    queryFn: () => api.get<ConditionRegister>("/system/conditions"),
  });

export const useFlows = (days = 90) =>
  useQuery({
    queryKey: systemKeys.flows(days),
    queryFn: () => api.get<Flows>(`/system/flows${query({ days })}`),
  });

/** Decided and passed proposals to link an obstacle's end to: newest first, or those matching `q`. */
export const useDecidedProposals = (q: string) =>
  useQuery({
    queryKey: ["decisions", "log", "for-obstacles", q],
    queryFn: () => api.get<Page<{ id: string; title: string }>>(`/decision-log${query({ q, limit: 50 })}`),
    placeholderData: (previous) => previous,
  });

/**
 * One write of this module: sends the body (with the object's current version where it has one),
 * refreshes the module's reads, says so, and turns a 409 into "someone changed it — reload".
 */
export function useSystemWrite<Input, Output>(
  send: (input: Input) => Promise<Output>,
  options: { success?: string; onDone?: (output: Output) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (output) => {
      queryClient.invalidateQueries({ queryKey: systemKeys.all });
      if (options.success) notifySuccess(options.success);
      options.onDone?.(output);
    },
    onError: (error) => notifyError(error, () => queryClient.invalidateQueries({ queryKey: systemKeys.all })),
  });
}
