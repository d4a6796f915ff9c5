import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { Page } from "../../../shared/common.ts";
import type {
  Entry,
  EntrySummary,
  Experiment,
  Question,
  QuestionSummary,
  SearchPage,
  SearchQuery,
} from "../../../shared/library.ts";
import { api, query } from "../../api.ts";

/** Reads of the library, shaped for its pages. Keys are shared so writes can invalidate them. */
export const libraryKeys = {
  all: ["library"] as const,
  search: ["library", "search"] as const,
  entry: (id: string) => ["library", "entry", id] as const,
  reviewDue: ["library", "review-due"] as const,
  questions: ["library", "questions"] as const,
  question: (id: string) => ["library", "question", id] as const,
  experiments: ["library", "experiments"] as const,
  experiment: (id: string) => ["library", "experiment", id] as const,
};

export type SearchFilter = Omit<SearchQuery, "cursor" | "limit">;

export function useLibrarySearch(filter: SearchFilter, limit = 20) {
  return useInfiniteQuery({
    queryKey: [...libraryKeys.search, filter, limit],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<SearchPage>(`/library/search${query({ ...filter, cursor: pageParam, limit })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useEntry = (id: string) =>
  useQuery({ queryKey: libraryKeys.entry(id), queryFn: () => api.get<Entry>(`/library/entries/${id}`) });

export function useReviewDue(cellId: string | undefined) {
  return useInfiniteQuery({
    queryKey: [...libraryKeys.reviewDue, cellId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<EntrySummary>>(`/library/review-due${query({ cellId, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useQuestions() {
  return useInfiniteQuery({
    queryKey: libraryKeys.questions,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<QuestionSummary>>(`/library/questions${query({ cursor: pageParam, limit: 30 })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useQuestion = (id: string) =>
  useQuery({
    queryKey: libraryKeys.question(id),
    queryFn: () => api.get<Question>(`/library/questions/${id}`),
  });

export function useExperiments() {
  return useInfiniteQuery({
    queryKey: libraryKeys.experiments,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<Experiment>>(`/library/experiments${query({ cursor: pageParam, limit: 30 })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useExperiment = (id: string) =>
  useQuery({
    queryKey: libraryKeys.experiment(id),
    queryFn: () => api.get<Experiment>(`/library/experiments/${id}`),
  });
