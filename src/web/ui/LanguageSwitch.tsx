import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { chooseLanguage, currentLanguage, type UiLanguage } from "../i18n/i18n.ts";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("common.language")}
      value={currentLanguage(i18n.language)}
      onChange={(value) => chooseLanguage(value as UiLanguage)}
      data={[
        { value: "de", label: <span title={t("languages.de")}>DE</span> },
        { value: "en", label: <span title={t("languages.en")}>EN</span> },
      ]}
    />
  );
}
