import type { GuardrailKind } from "../../../shared/customers/offers.ts";
import { type DecimalFieldProps, PercentField, WholeNumberField } from "../../ui/NumberField.tsx";

type Props = Omit<DecimalFieldProps, "scale" | "value" | "onChange"> & {
  kind: GuardrailKind;
  /** The guardrail's limit as stored: basis points for discount and margin, days for payment terms. */
  value: number | null;
  onChange: (limitValue: number | null) => void;
};

/** The new limit a consent proposal sets for a guardrail, typed as a percentage or in days. */
export function GuardrailLimitField({ kind, ...rest }: Props) {
  return kind === "paymentTerms" ? <WholeNumberField {...rest} max={365} /> : <PercentField {...rest} />;
}
