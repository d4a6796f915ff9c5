import { Modal } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Deal } from "../../../shared/customers/deals.ts";
import { api } from "../../api.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useOrganisation } from "../../ui/session.tsx";
import { type DealFields, DealForm } from "./DealForm.tsx";
import { customerKeys } from "./queries.ts";

type Props = {
  opened: boolean;
  onClose: () => void;
  /** The board's cell: new deals land in its pipeline. */
  cellId?: string;
  /** Fixed when the deal is created from its account's page. */
  account?: { id: string; name: string };
  onCreated?: (deal: Deal) => void;
};

export function NewDealDialog({ opened, onClose, cellId, account, onCreated }: Props) {
  const { t } = useTranslation("customers");
  const organisation = useOrganisation();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: ({ probability, lostReason, ...fields }: DealFields) =>
      api.post<Deal>("/deals", {
        ...fields,
        ...(probability === undefined ? {} : { probability }),
        ...(lostReason ? { lostReason } : {}),
        ...(cellId && !account ? { cellId } : {}),
      }),
    onSuccess: (deal) => {
      queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifySuccess(t("customers:deal.created", { title: deal.title }));
      onCreated?.(deal);
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("customers:deal.newTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
    >
      {opened && (
        <DealForm
          initial={{
            accountId: account?.id ?? "",
            title: "",
            amount: 0,
            currency: organisation.currency,
            stageId: "",
            expectedClose: null,
            source: "",
            lostReason: "",
          }}
          chooseAccount={account ? undefined : { cellId }}
          submitLabel={t("customers:deal.create")}
          pending={create.isPending}
          errors={fieldErrors(create.error)}
          onSubmit={(fields) => create.mutate(fields)}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}
