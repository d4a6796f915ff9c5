import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconTrash, IconUserMinus } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Cell, CellInput } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { CellForm } from "./CellForm.tsx";
import { KindBadge } from "./KindBadge.tsx";
import { MembershipHistory } from "./MembershipHistory.tsx";
import { orgKeys, useCell, useMembership, usePeople } from "./queries.ts";
import { WorkingAgreements } from "./WorkingAgreements.tsx";

export function CellDetailPage() {
  const { t } = useTranslation();
  const { cellId = "" } = useParams();
  const cell = useCell(cellId);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);

  const reload = () => queryClient.invalidateQueries({ queryKey: orgKeys.cell(cellId) });
  const saved = (updated: Cell) => {
    queryClient.setQueryData(orgKeys.cell(cellId), updated);
    queryClient.invalidateQueries({ queryKey: orgKeys.cells, exact: true });
    queryClient.invalidateQueries({ queryKey: orgKeys.people });
  };

  const update = useMutation({
    mutationFn: (input: CellInput & { version: number }) => api.patch<Cell>(`/cells/${cellId}`, input),
    onSuccess: (updated) => {
      saved(updated);
      notifySuccess(t("cells.saved"));
    },
    onError: (error) => notifyError(error, reload),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/cells/${cellId}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: orgKeys.cells });
      notifySuccess(t("cells.deleted"));
      navigate("/cells");
    },
    onError: (error) => notifyError(error),
  });

  if (cell.isPending) return <Loader aria-label={t("common.loading")} />;
  if (cell.isError) {
    return (
      <Stack>
        <Alert color="red">{cell.error.message}</Alert>
        <Anchor component={Link} to="/cells">
          {t("cells.backToList")}
        </Anchor>
      </Stack>
    );
  }
  const data = cell.data;

  return (
    <Stack>
      <Anchor component={Link} to="/cells" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden /> {t("cells.backToList")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} style={{ wordBreak: "break-word" }}>
            {data.name}
          </Title>
          <Group gap="xs">
            <KindBadge kind={data.kind} />
            <Text size="sm" c="dimmed">
              {t("common.createdOn", { date: formatDate(data.createdAt) })}
            </Text>
            <Anchor component={Link} to={`/insights/cells/${data.id}`} size="sm">
              {t("cells.insights")}
            </Anchor>
          </Group>
        </Stack>
        <Button
          color="red"
          variant="outline"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={() => setConfirmDelete(true)}
        >
          {t("cells.delete")}
        </Button>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder component="section" aria-labelledby="cell-details-title">
            <Title order={2} size="h3" id="cell-details-title" mb="sm">
              {t("cells.details")}
            </Title>
            <CellForm
              key={data.version}
              initial={{
                name: data.name,
                kind: data.kind,
                purpose: data.purpose,
                marketSlice: data.marketSlice,
              }}
              submitLabel={t("common.save")}
              pending={update.isPending}
              errors={fieldErrors(update.error)}
              onSubmit={(input) => update.mutate({ ...input, version: data.version })}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Members cell={data} onChanged={saved} />
        </Grid.Col>
      </Grid>
      <WorkingAgreements cellId={data.id} />
      <MembershipHistory cellId={data.id} />
      <Modal
        closeButtonProps={{ "aria-label": t("common.close") }}
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t("cells.deleteTitle")}
      >
        <Stack>
          <Text>{t("cells.deleteBody", { name: data.name })}</Text>
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setConfirmDelete(false)}>
              {t("common.cancel")}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              {t("cells.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Members({ cell, onChanged }: { cell: Cell; onChanged: (cell: Cell) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [personId, setPersonId] = useState<string | null>(null);
  const people = usePeople({ q: search.trim() || undefined }, 100);
  const queryClient = useQueryClient();
  const me = useMembership(cell.id);
  const changed = (updated: Cell) => {
    onChanged(updated);
    queryClient.invalidateQueries({ queryKey: orgKeys.membership(cell.id) });
  };
  const memberIds = new Set(cell.members.map((m) => m.id));
  const candidates = pageItems(people)
    .filter((p) => !memberIds.has(p.id))
    .map((p) => ({ value: p.id, label: p.name }));

  const add = useMutation({
    mutationFn: (id: string) => api.put<Cell>(`/cells/${cell.id}/members/${id}`, {}),
    onSuccess: (updated) => {
      changed(updated);
      setPersonId(null);
      setSearch("");
      notifySuccess(t("cells.memberAdded"));
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete<Cell>(`/cells/${cell.id}/members/${id}`),
    onSuccess: (updated) => {
      if (updated) changed(updated);
      notifySuccess(t("cells.memberRemoved"));
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Card withBorder component="section" aria-labelledby="cell-members-title">
      <Title order={2} size="h3" id="cell-members-title" mb="sm">
        {t("cells.members")} ({cell.members.length})
      </Title>
      {cell.members.length === 0 ? (
        <Text mb="sm">{t("cells.noMembers")}</Text>
      ) : (
        <Stack gap={4} component="ul" p={0} m={0} mb="sm" style={{ listStyle: "none" }}>
          {cell.members.map((member) => (
            <Group component="li" key={member.id} justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/people/${member.id}`}>
                {member.name}
              </Anchor>
              {/* Only members remove someone else; anyone may leave (the server decides, issue 13). */}
              {me.data?.abilities.removeOthers && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("cells.removeMember", { name: member.name })}
                  loading={remove.isPending && remove.variables === member.id}
                  onClick={() => remove.mutate(member.id)}
                >
                  <IconUserMinus size={18} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <Group align="flex-end" wrap="nowrap">
        <Select
          flex={1}
          label={t("cells.addMember")}
          placeholder={t("cells.searchPerson")}
          searchable
          clearable
          data={candidates}
          value={personId}
          onChange={setPersonId}
          searchValue={search}
          onSearchChange={setSearch}
          nothingFoundMessage={t("cells.nobodyFound")}
        />
        <Button disabled={!personId} loading={add.isPending} onClick={() => personId && add.mutate(personId)}>
          {t("common.add")}
        </Button>
      </Group>
    </Card>
  );
}
