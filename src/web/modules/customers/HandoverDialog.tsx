import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api.ts";
import { fieldErrors, notifySuccess } from "../../ui/notify.tsx";
import { useAllCells } from "../org/queries.ts";
import { notifySaveError } from "./feedback.tsx";

type Props = {
  opened: boolean;
  onClose: () => void;
  /** `/accounts/:id/handover` or `/deals/:id/handover`. */
  path: string;
  name: string;
  fromCellId: string;
  version: number;
  onDone: () => void;
  onStale: () => void;
};

/** Peer to peer: the owning cell hands over to another cell with a reason; nobody approves. */
export function HandoverDialog({ opened, onClose, path, name, fromCellId, version, onDone, onStale }: Props) {
  const { t } = useTranslation("customers");
  const cells = useAllCells();
  const others = (cells.data ?? []).filter((cell) => cell.id !== fromCellId);
  const [toCellId, setToCellId] = useState("");
  const [reason, setReason] = useState("");
  const target = toCellId || others[0]?.id || "";

  const handOver = useMutation({
    mutationFn: () => api.post(path, { toCellId: target, reason, version }),
    onSuccess: () => {
      const cell = others.find((c) => c.id === target);
      notifySuccess(t("customers:handover.done", { name, cell: cell?.name ?? "" }));
      setReason("");
      onDone();
      onClose();
    },
    onError: (error) => notifySaveError(error, onStale),
  });
  const errors = fieldErrors(handOver.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    handOver.mutate();
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("customers:handover.title", { name })}
      closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
    >
      <Stack component="form" onSubmit={submit} gap="sm">
        <Text size="sm">{t("customers:handover.intro")}</Text>
        {others.length === 0 ? (
          <Text size="sm">{t("customers:handover.noOtherCell")}</Text>
        ) : (
          <>
            <NativeSelect
              label={t("customers:handover.toCell")}
              value={target}
              onChange={(e) => setToCellId(e.currentTarget.value)}
              data={others.map((cell) => ({ value: cell.id, label: cell.name }))}
              error={errors.toCellId}
            />
            <Textarea
              label={t("customers:handover.reason")}
              description={t("customers:handover.reasonHelp")}
              required
              autosize
              minRows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
            <Group>
              <Button type="submit" loading={handOver.isPending} disabled={!reason.trim()}>
                {t("customers:handover.submit")}
              </Button>
              <Button variant="subtle" onClick={onClose}>
                {t("common.cancel", { ns: "translation" })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
