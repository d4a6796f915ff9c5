import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import de from "./de.json";
import en from "./en.json";

export const UI_LANGUAGES = ["de", "en"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** localStorage key of a language the person chose by hand; it wins over their profile's locale. */
const CHOSEN_KEY = "periphery.language";

i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: de }, en: { translation: en } },
    fallbackLng: "en",
    supportedLngs: UI_LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    interpolation: { escapeValue: false },
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: CHOSEN_KEY,
      // Only an explicit choice is remembered (see chooseLanguage), so a profile's locale can still win.
      caches: [],
    },
    returnNull: false,
  });

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = currentLanguage(language);
}
syncDocumentLanguage(i18n.language);
i18n.on("languageChanged", syncDocumentLanguage);

export function currentLanguage(language: string = i18n.resolvedLanguage ?? i18n.language): UiLanguage {
  return language?.startsWith("de") ? "de" : "en";
}

/** The person switched the language by hand: remember it on this device. */
export function chooseLanguage(language: UiLanguage) {
  try {
    localStorage.setItem(CHOSEN_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the switch still applies to this visit.
  }
  void i18n.changeLanguage(language);
}

/** After sign-in the person's profile locale applies, unless they chose a language on this device. */
export function applyPersonLocale(locale: UiLanguage) {
  let chosen: string | null = null;
  try {
    chosen = localStorage.getItem(CHOSEN_KEY);
  } catch {
    chosen = null;
  }
  if (!chosen && currentLanguage() !== locale) void i18n.changeLanguage(locale);
}

export default i18n;

/** The person saved a UI language in their profile: it applies now and on every device. */
export function followPersonLocale(locale: UiLanguage) {
  try {
    localStorage.removeItem(CHOSEN_KEY);
  } catch {
    // Nothing remembered to forget.
  }
  void i18n.changeLanguage(locale);
}
