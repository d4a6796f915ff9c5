import { TextInput, type TextInputProps } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { readDate, readTime, writeDate } from "../../shared/localeInput.ts";
import { currentLanguage } from "../i18n/i18n.ts";
import { useFieldText, useValidity } from "./fieldText.ts";
import { formatDay } from "./format.ts";

/**
 * Dates typed day first in the UI language ("26.11.2026", English "26/11/2026") and passed on as ISO
 * "YYYY-MM-DD"; times as 24-hour "HH:MM". A browser's own date input follows the browser's locale
 * (MM/DD/YYYY in an American Chrome whatever the UI language), so these are text fields read by
 * src/shared/localeInput.ts. While the text cannot be read the field says so, passes nothing on and
 * is invalid for the form (setCustomValidity), like the number fields.
 */
type TextFieldProps = Omit<TextInputProps, "value" | "onChange" | "error" | "type" | "min" | "max"> & {
  error?: ReactNode;
};

export type DateFieldProps = TextFieldProps & {
  /** ISO "YYYY-MM-DD", or null when empty. */
  value: string | null;
  onChange: (iso: string | null) => void;
  /** Earliest and latest ISO day accepted. */
  min?: string;
  max?: string;
};

export function DateField({
  value,
  onChange,
  min,
  max,
  error,
  description,
  onBlur,
  ...rest
}: DateFieldProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const write = (iso: string | null) => (iso ? writeDate(iso, language) : "");
  const [typed, setTyped] = useState(false);
  const {
    text,
    setText,
    typed: ownChange,
  } = useFieldText({
    value,
    write,
    says: (text) => {
      const reading = readDate(text);
      return reading.kind === "value" ? reading.iso === value : reading.kind === "empty" && !value;
    },
    replaced: () => setTyped(false),
  });
  const reading = readDate(text);
  const problem =
    reading.kind === "invalid"
      ? t("input.date", { example: writeDate("2026-11-26", language) })
      : reading.kind === "value" && min && reading.iso < min
        ? t("input.min", { value: formatDay(min) })
        : reading.kind === "value" && max && reading.iso > max
          ? t("input.max", { value: formatDay(max) })
          : null;
  const input = useValidity(problem);

  const change = (next: string) => {
    setText(next);
    setTyped(true);
    const read = readDate(next);
    const iso = read.kind === "value" ? read.iso : read.kind === "empty" ? null : undefined;
    if (iso === undefined || (iso && ((min && iso < min) || (max && iso > max)))) return;
    ownChange();
    onChange(iso);
  };

  return (
    <TextInput
      {...rest}
      ref={input}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={rest.placeholder ?? t("input.datePlaceholder")}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={(event) => {
        if (reading.kind === "value" && !problem) setText(write(reading.iso));
        onBlur?.(event);
      }}
      // The typed date spelled out with its month name, so a day and month swapped show at once.
      description={
        typed && reading.kind === "value" && !problem
          ? t("input.readAs", { value: formatDay(reading.iso, language, "long") })
          : description
      }
      error={problem ?? error}
    />
  );
}

export type TimeFieldProps = TextFieldProps & {
  /** "HH:MM", or null when empty. */
  value: string | null;
  onChange: (time: string | null) => void;
};

export function TimeField({ value, onChange, error, onBlur, ...rest }: TimeFieldProps) {
  const { t } = useTranslation();
  const { text, setText, typed } = useFieldText({
    value,
    write: (time) => time ?? "",
    says: (text) => {
      const reading = readTime(text);
      return reading.kind === "value" ? reading.time === value : reading.kind === "empty" && !value;
    },
  });
  const reading = readTime(text);
  const problem = reading.kind === "invalid" ? t("input.time") : null;
  const input = useValidity(problem);

  const change = (next: string) => {
    setText(next);
    const read = readTime(next);
    if (read.kind === "invalid") return;
    const time = read.kind === "value" ? read.time : null;
    typed();
    onChange(time);
  };

  return (
    <TextInput
      {...rest}
      ref={input}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={rest.placeholder ?? "HH:MM"}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={(event) => {
        if (reading.kind === "value") setText(reading.time);
        onBlur?.(event);
      }}
      error={problem ?? error}
    />
  );
}
