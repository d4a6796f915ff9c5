import { Modal } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Account } from "../../../shared/customers/accounts.ts";
import { api } from "../../api.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { type AccountFields, AccountForm, emptyAccount } from "./AccountForm.tsx";
import { customerKeys } from "./queries.ts";

type Props = { opened: boolean; cellId: string; onClose: () => void; onCreated?: (account: Account) => void };

export function NewAccountDialog({ opened, cellId, onClose, onCreated }: Props) {
  const { t } = useTranslation("customers");
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (fields: AccountFields) => api.post<Account>("/accounts", fields),
    onSuccess: (account) => {
      queryClient.invalidateQueries({ queryKey: customerKeys.accounts });
      notifySuccess(t("customers:account.created", { name: account.name }));
      onCreated?.(account);
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("customers:account.newTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
    >
      {opened && (
        <AccountForm
          initial={emptyAccount(cellId)}
          chooseCell
          submitLabel={t("customers:account.create")}
          pending={create.isPending}
          errors={fieldErrors(create.error)}
          onSubmit={(fields) => create.mutate(fields)}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}
