import "./library.css";
import "./i18n.ts";
import { Navigate, Route, Routes } from "react-router";
import { EditEntryPage, NewEntryPage } from "./EntryFormPage.tsx";
import { EntryPage } from "./EntryPage.tsx";
import { ExperimentPage, ExperimentsPage } from "./ExperimentsPage.tsx";
import { LibraryHomePage } from "./LibraryHomePage.tsx";
import { QuestionPage, QuestionsPage } from "./QuestionsPage.tsx";
import { ReviewDuePage } from "./ReviewDuePage.tsx";

/** The library below /library: search, entries, questions, experiments, reviews due. */
export function LibraryRoutes() {
  return (
    <Routes>
      <Route index element={<LibraryHomePage />} />
      <Route path="new" element={<NewEntryPage />} />
      <Route path="entries/:entryId" element={<EntryPage />} />
      <Route path="entries/:entryId/edit" element={<EditEntryPage />} />
      <Route path="questions" element={<QuestionsPage />} />
      <Route path="questions/:questionId" element={<QuestionPage />} />
      <Route path="experiments" element={<ExperimentsPage />} />
      <Route path="experiments/:experimentId" element={<ExperimentPage />} />
      <Route path="review" element={<ReviewDuePage />} />
      <Route path="*" element={<Navigate to="/library" replace />} />
    </Routes>
  );
}
