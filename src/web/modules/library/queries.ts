import { useQuery } from "@tanstack/react-query";
import type {
  Entry,
  EntrySummary,
  Experiment,
  Question,
  QuestionSummary,
  SearchHit,
  SearchQuery,
} from "../../../shared/library.ts";
import { api } from "../../api.ts";
import { usePages } from "../../ui/paged.tsx";

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
  return usePages<SearchHit>([...libraryKeys.search, filter, limit], "/library/search", filter, limit);
}

export const useEntry = (id: string) =>
  useQuery({ queryKey: libraryKeys.entry(id), queryFn: () => api.get<Entry>(`/library/entries/${id}`) });

export function useReviewDue(cellId: string | undefined) {
  return usePages<EntrySummary>([...libraryKeys.reviewDue, cellId], "/library/review-due", { cellId }, 50);
}

export function useQuestions() {
  return usePages<QuestionSummary>(libraryKeys.questions, "/library/questions", {}, 30);
}

export const useQuestion = (id: string) =>
  useQuery({
    queryKey: libraryKeys.question(id),
    queryFn: () => api.get<Question>(`/library/questions/${id}`),
  });

export function useExperiments() {
  return usePages<Experiment>(libraryKeys.experiments, "/library/experiments", {}, 30);
}

export const useExperiment = (id: string) =>
  useQuery({
    queryKey: libraryKeys.experiment(id),
    queryFn: () => api.get<Experiment>(`/library/experiments/${id}`),
  });
