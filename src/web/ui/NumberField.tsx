import { TextInput, type TextInputProps } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DecimalReading, readDecimal, writeDecimal } from "../../shared/localeInput.ts";
import { currentLanguage } from "../i18n/i18n.ts";
import { useFieldText, useValidity } from "./fieldText.ts";
import { formatMinorUnits, fractionDigits } from "./format.ts";

/**
 * The one number field of the web app: money, percentages, quantities and whole numbers are typed as
 * text in the UI language and read by src/shared/localeInput.ts (its header states the ambiguity
 * rule). The value passed on is an exact integer of the field's scale (minor units, basis points,
 * thousandths). While the text cannot be read the field shows why, passes nothing on and marks the
 * input invalid (setCustomValidity), so the browser does not submit the form around it; actions
 * outside a form check `reportValidity()` of their form.
 */
export type DecimalFieldProps = Omit<
  TextInputProps,
  "value" | "onChange" | "error" | "type" | "min" | "max"
> & {
  /** The value in units of the scale (123456 with scale 2 is 1234.56); null when empty. */
  value: number | null;
  onChange: (units: number | null) => void;
  scale: number;
  /** Show every decimal (money: "1.234,00"); otherwise trailing zeros are dropped. */
  fixed?: boolean;
  allowNegative?: boolean;
  /** Bounds in units, checked while typing. */
  min?: number;
  max?: number;
  /** Errors from the server (the field's own reading errors take precedence). */
  error?: ReactNode;
  /** How the value is shown in the "read as" hint, e.g. with its currency sign. */
  describe?: (units: number) => string;
};

const ABSOLUTE_MAX = 1e15;

export function DecimalField({
  value,
  onChange,
  scale,
  fixed = false,
  allowNegative = false,
  min,
  max,
  error,
  describe,
  description,
  onBlur,
  ...rest
}: DecimalFieldProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const write = (units: number | null) =>
    units === null ? "" : writeDecimal(units, scale, language, { fixed });
  const [ambiguous, setAmbiguous] = useState(false);
  const read = (text: string) =>
    readDecimal(text, language, { scale, allowNegative, maxUnits: ABSOLUTE_MAX });
  const { text, setText, typed } = useFieldText({
    value,
    write,
    says: (text) => {
      const reading = read(text);
      return reading.kind === "value" && reading.units === value;
    },
    replaced: () => setAmbiguous(false),
  });
  const reading = read(text);
  const problem = problemOf(reading, { min, max, scale, language, fixed }, t);
  const input = useValidity(problem);

  const change = (next: string) => {
    setText(next);
    const reading_ = read(next);
    setAmbiguous(reading_.kind === "value" && reading_.ambiguous);
    const units = reading_.kind === "value" ? reading_.units : reading_.kind === "empty" ? null : undefined;
    if (units === undefined || problemOf(reading_, { min, max, scale, language, fixed }, t)) return;
    typed();
    onChange(units);
  };

  const shown = describe ?? ((units: number) => writeDecimal(units, scale, language, { fixed: true }));
  const hint =
    ambiguous && reading.kind === "value" && !problem
      ? t("input.readAs", { value: shown(reading.units) })
      : description;

  return (
    <TextInput
      {...rest}
      ref={input}
      type="text"
      inputMode={scale === 0 && !allowNegative ? "numeric" : "decimal"}
      autoComplete="off"
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onBlur={(event) => {
        // Leaving the field shows the value as it was read, in the language's own layout.
        if (reading.kind === "value" && !problem) setText(write(reading.units));
        else if (reading.kind === "empty" && value !== null) setText(write(value));
        onBlur?.(event);
      }}
      description={hint}
      error={problem ?? error}
    />
  );
}

type Bounds = { min?: number; max?: number; scale: number; language: "de" | "en"; fixed: boolean };

function problemOf(
  reading: DecimalReading,
  { min, max, scale, language, fixed }: Bounds,
  t: (key: string, options?: Record<string, unknown>) => string,
): string | null {
  const write = (units: number) => writeDecimal(units, scale, language, { fixed });
  if (reading.kind === "invalid") {
    if (reading.reason === "decimals")
      return scale === 0 ? t("input.wholeNumber") : t("input.decimals", { count: scale });
    if (reading.reason === "negative") return t("input.negative");
    if (reading.reason === "tooLarge") return t("input.tooLarge");
    const example = scale === 0 ? 1234 : 1234 * 10 ** scale + Math.round(56 * 10 ** (scale - 2));
    return t("input.number", { example: writeDecimal(example, scale, language) });
  }
  if (reading.kind === "value") {
    if (min !== undefined && reading.units < min) return t("input.min", { value: write(min) });
    if (max !== undefined && reading.units > max) return t("input.max", { value: write(max) });
  }
  return null;
}

type MoneyFieldProps = Omit<DecimalFieldProps, "scale" | "fixed" | "describe"> & { currency: string };

/** Money in minor units of its currency: "1.234,56" with EUR is 123456. */
export function MoneyField({ currency, min = 0, max = 10_000_000_000_000, ...rest }: MoneyFieldProps) {
  return (
    <DecimalField
      {...rest}
      scale={fractionDigits(currency)}
      fixed
      min={min}
      max={max}
      describe={(units) => formatMinorUnits(units, currency)}
    />
  );
}

type PercentFieldProps = Omit<DecimalFieldProps, "scale" | "fixed" | "rightSection"> & {
  /** 2: the value is in basis points (12,5 % → 1250); 0: whole percent (probability). */
  scale?: 0 | 2;
};

/** A percentage between 0 and 100 % unless told otherwise. */
export function PercentField({ scale = 2, min = 0, max = 100 * 10 ** scale, ...rest }: PercentFieldProps) {
  return (
    <DecimalField
      {...rest}
      scale={scale}
      min={min}
      max={max}
      rightSection={<span aria-hidden>%</span>}
      describe={(units) => `${writeDecimal(units, scale, currentLanguage())} %`}
    />
  );
}

type QuantityFieldProps = Omit<DecimalFieldProps, "scale" | "fixed" | "value" | "onChange"> & {
  /** A decimal with at most three places (src/shared/customers/amounts.ts); null when empty. */
  value: number | null;
  onChange: (quantity: number | null) => void;
};

/** A quantity with up to three decimals, read in thousandths so 0,1 + 0,2 stays 0,3. */
export function QuantityField({ value, onChange, ...rest }: QuantityFieldProps) {
  return (
    <DecimalField
      {...rest}
      scale={3}
      value={value === null ? null : Math.round(value * 1000)}
      onChange={(milli) => onChange(milli === null ? null : milli / 1000)}
    />
  );
}

type WholeNumberFieldProps = Omit<DecimalFieldProps, "scale" | "fixed">;

/** Counts, days, minutes: whole numbers, grouped like every other number ("1.440"). */
export function WholeNumberField(props: WholeNumberFieldProps) {
  return <DecimalField {...props} scale={0} />;
}
