import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Proposal } from "../../../shared/decisions/proposals.ts";
import { api } from "../../api.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { decisionKeys } from "./queries.ts";

/**
 * One write on a proposal that answers with the proposal: the version is read when sending (so after
 * "load latest version" the person's input is kept), the answer replaces the cached proposal, and the
 * log and notifications refresh. A 409 STALE_VERSION offers to load the other person's change.
 */
export function useProposalAction<Input>(
  proposal: Proposal,
  path: string,
  options: {
    method?: "POST" | "PUT" | "PATCH";
    success?: string;
    onDone?: () => void;
    /** The write answers with something else (a consent entry): reload the proposal instead. */
    refetch?: boolean;
  } = {},
) {
  const queryClient = useQueryClient();
  const key = decisionKeys.proposal(proposal.id);
  const version = () => queryClient.getQueryData<Proposal>(key)?.version ?? proposal.version;
  return useMutation({
    mutationFn: (input: Input) => {
      // Entries are appended, never edited: only writes that change the proposal name its version.
      const body = options.refetch ? input : { ...input, version: version() };
      const url = `/proposals/${proposal.id}${path}`;
      if (options.method === "PUT") return api.put<Proposal>(url, body);
      if (options.method === "PATCH") return api.patch<Proposal>(url, body);
      return api.post<Proposal>(url, body);
    },
    onSuccess: (saved) => {
      if (options.refetch) queryClient.invalidateQueries({ queryKey: key });
      else queryClient.setQueryData(key, saved);
      queryClient.invalidateQueries({ queryKey: decisionKeys.log });
      queryClient.invalidateQueries({ queryKey: decisionKeys.open });
      queryClient.invalidateQueries({ queryKey: decisionKeys.reviewDue });
      if (options.success) notifySuccess(options.success);
      options.onDone?.();
    },
    onError: (error) => notifyError(error, () => queryClient.invalidateQueries({ queryKey: key })),
  });
}
