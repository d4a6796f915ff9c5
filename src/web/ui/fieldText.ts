import { type RefObject, useEffect, useRef, useState } from "react";

/**
 * The text of a field typed in the UI language and passed on as a value (DateField, TimeField,
 * DecimalField). A value the text does not already say was set from outside (a product picked, a
 * reload) and replaces the text. The form's answer to this field's own change does not (a form that
 * keeps 0 for an emptied field would put "0,00" in front of what the person goes on typing): it
 * arrives in the same render as the keystroke — the field calls `typed()` before passing its value
 * on — and the mark is cleared after every render.
 */
export function useFieldText<Value>(options: {
  value: Value;
  write: (value: Value) => string;
  /** Whether the text already says the value. */
  says: (text: string) => boolean;
  /** Called when a value from outside replaced the text. */
  replaced?: () => void;
}) {
  const { value, write, says } = options;
  const [text, setText] = useState(() => write(value));
  const echo = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value rewrites the text, not each keystroke
  useEffect(() => {
    if (echo.current || says(text)) return;
    setText(write(value));
    options.replaced?.();
  }, [value]);
  useEffect(() => {
    echo.current = false;
  });
  const typed = () => {
    echo.current = true;
  };
  return { text, setText, typed };
}

/** Marks the input invalid for its form while the text cannot be read, so the form is not submitted. */
export function useValidity(problem: string | null): RefObject<HTMLInputElement | null> {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.setCustomValidity(problem ?? "");
  }, [problem]);
  return input;
}
