import { Alert, Anchor, Button, Group, Loader, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Cell, CellInput } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import { formatDate, formatNumber } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { CellForm } from "./CellForm.tsx";
import { KindBadge } from "./KindBadge.tsx";
import { orgKeys, useAllCells } from "./queries.ts";

export function CellsPage() {
  const { t } = useTranslation();
  const cells = useAllCells();
  const [params, setParams] = useSearchParams();
  const creating = params.get("new") === "1";
  const queryClient = useQueryClient();

  const create = useMutation({
    mutationFn: (input: CellInput) => api.post<Cell>("/cells", input),
    onSuccess: (cell) => {
      queryClient.invalidateQueries({ queryKey: orgKeys.cells });
      notifySuccess(t("cells.created", { name: cell.name }));
      setParams({});
    },
    onError: (error) => notifyError(error),
  });
  const close = () => {
    create.reset();
    setParams({});
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("cells.title")}</Title>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setParams({ new: "1" })}>
          {t("cells.new")}
        </Button>
      </Group>
      <Text>{t("cells.intro")}</Text>
      {cells.isPending && <Loader aria-label={t("common.loading")} />}
      {cells.isError && <Alert color="red">{cells.error.message}</Alert>}
      {cells.data && cells.data.length === 0 && <Alert color="gray">{t("cells.empty")}</Alert>}
      {cells.data && cells.data.length > 0 && (
        <TableScroll label={t("cells.title")} minWidth={480}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("cells.name")}</Table.Th>
                <Table.Th>{t("cells.kindLabel")}</Table.Th>
                <Table.Th>{t("cells.members")}</Table.Th>
                <Table.Th>{t("cells.marketSlice")}</Table.Th>
                <Table.Th>{t("common.createdAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cells.data.map((cell) => (
                <Table.Tr key={cell.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cells/${cell.id}`}>
                      {cell.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <KindBadge kind={cell.kind} />
                  </Table.Td>
                  <Table.Td>{formatNumber(cell.members.length)}</Table.Td>
                  <Table.Td>{cell.marketSlice || "—"}</Table.Td>
                  <Table.Td>{formatDate(cell.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={creating}
        onClose={close}
        title={t("cells.newTitle")}
        size="lg"
      >
        <CellForm
          submitLabel={t("cells.create")}
          pending={create.isPending}
          errors={fieldErrors(create.error)}
          onSubmit={(input) => create.mutate(input)}
          onCancel={close}
        />
      </Modal>
    </Stack>
  );
}
