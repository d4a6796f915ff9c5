import {
  ActionIcon,
  Alert,
  Button,
  Card,
  CopyButton,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconCheck, IconCopy, IconX } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Invitation, Role } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import { currentLanguage, type UiLanguage } from "../../i18n/i18n.ts";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { useOrganisation } from "../../ui/session.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { orgKeys, useInvitations } from "./queries.ts";

type Created = { invitation: Invitation; link: string; mailed: boolean };

export function Invitations() {
  const { t, i18n } = useTranslation();
  const organisation = useOrganisation();
  const invitations = useInvitations(true);
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [language, setLanguage] = useState<UiLanguage>(currentLanguage(i18n.language));
  const [created, setCreated] = useState<Created | null>(null);

  const invite = useMutation({
    mutationFn: () => api.post<Created>("/invitations", { email, role, language }),
    onSuccess: (result) => {
      setCreated(result);
      setEmail("");
      setRole("member");
      queryClient.invalidateQueries({ queryKey: orgKeys.invitations });
    },
    onError: (error) => notifyError(error),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/invitations/${id}`),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: orgKeys.invitations });
      notifySuccess(t("invite.revoked"));
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(invite.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    invite.mutate();
  };

  return (
    <Card withBorder component="section" aria-labelledby="invite-title">
      <Title order={2} size="h3" id="invite-title" mb="sm">
        {t("invite.title")}
      </Title>
      <Stack component="form" onSubmit={submit} gap="sm" maw={520}>
        <TextInput
          label={t("invite.email")}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        {organisation.abilities.inviteStewards && (
          <NativeSelect
            label={t("people.role")}
            description={t("invite.roleHelp")}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            data={[
              { value: "member", label: t("roles.member") },
              { value: "steward", label: t("roles.steward") },
            ]}
            error={errors.role}
          />
        )}
        <NativeSelect
          label={t("invite.language")}
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as UiLanguage)}
          data={[
            { value: "de", label: t("languages.de") },
            { value: "en", label: t("languages.en") },
          ]}
        />
        <Button type="submit" loading={invite.isPending} w="fit-content">
          {t("invite.send")}
        </Button>
      </Stack>
      {created && (
        <Alert
          color="green"
          mt="md"
          role="status"
          title={t("invite.createdTitle", { email: created.invitation.email })}
        >
          <Stack gap="xs">
            <Text size="sm">{created.mailed ? t("invite.mailed") : t("invite.notMailed")}</Text>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                flex={1}
                label={t("invite.link")}
                value={created.link}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={created.link}>
                {({ copied, copy }) => (
                  <Button
                    onClick={copy}
                    variant={copied ? "filled" : "outline"}
                    leftSection={
                      copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                    }
                  >
                    {copied ? t("invite.copied") : t("invite.copy")}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      <Title order={3} size="h4" mt="lg" mb="xs">
        {t("invite.pending")}
      </Title>
      {invitations.isError && <Alert color="red">{invitations.error.message}</Alert>}
      {invitations.data?.items.length === 0 && <Text>{t("invite.nonePending")}</Text>}
      {invitations.data && invitations.data.items.length > 0 && (
        <TableScroll label={t("invite.pending")} minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("invite.email")}</Table.Th>
                <Table.Th>{t("people.role")}</Table.Th>
                <Table.Th>{t("invite.invitedBy")}</Table.Th>
                <Table.Th>{t("invite.expires")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("common.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.items.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                  <Table.Td>{invitation.invitedByName}</Table.Td>
                  <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t("invite.revoke")}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("invite.revokeNamed", { email: invitation.email })}
                        loading={revoke.isPending && revoke.variables === invitation.id}
                        onClick={() => revoke.mutate(invitation.id)}
                      >
                        <IconX size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}
