import { Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Field = { value: string; onChange: (value: string) => void };

/**
 * The texts of a proposal — title, problem (where it can be changed) and proposal — as the new-proposal
 * form, the decider's edit and the consent amendment all show them, with the server's field errors.
 */
export function ProposalFields({
  title,
  problem,
  proposal,
  errors,
  withHelp = false,
}: {
  title: Field;
  problem?: Field;
  proposal: Field;
  errors: Record<string, string>;
  withHelp?: boolean;
}) {
  const { t } = useTranslation("decisions");
  const text = (field: Field) => ({
    required: true,
    autosize: true,
    minRows: 3,
    maxLength: 10_000,
    value: field.value,
    onChange: (e: { currentTarget: { value: string } }) => field.onChange(e.currentTarget.value),
  });
  return (
    <>
      <TextInput
        label={t("decisions:proposal.titleLabel")}
        required
        maxLength={200}
        value={title.value}
        onChange={(e) => title.onChange(e.currentTarget.value)}
        error={errors.title}
      />
      {problem && (
        <Textarea
          label={t("decisions:proposal.problem")}
          description={withHelp ? t("decisions:proposal.problemHelp") : undefined}
          error={errors.problem}
          {...text(problem)}
        />
      )}
      <Textarea
        label={t("decisions:proposal.proposal")}
        description={withHelp ? t("decisions:proposal.proposalHelp") : undefined}
        error={errors.proposal}
        {...text(proposal)}
      />
    </>
  );
}
