import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Contact } from "../../../shared/customers/accounts.ts";
import { api } from "../../api.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { notifySaveError } from "./feedback.tsx";
import { customerKeys, useContacts } from "./queries.ts";

type Fields = Pick<Contact, "name" | "role" | "email" | "phone">;
const EMPTY: Fields = { name: "", role: "", email: "", phone: "" };

export function Contacts({ accountId }: { accountId: string }) {
  const { t } = useTranslation("customers");
  const contacts = useContacts(accountId);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.contacts(accountId) });

  const save = useMutation({
    mutationFn: (fields: Fields) =>
      editing === "new" || editing === null
        ? api.post<Contact>(`/accounts/${accountId}/contacts`, fields)
        : api.patch<Contact>(`/accounts/${accountId}/contacts/${editing.id}`, {
            ...fields,
            version: contacts.data?.find((c) => c.id === editing.id)?.version ?? editing.version,
          }),
    onSuccess: (contact) => {
      reload();
      notifySuccess(t("customers:contacts.saved", { name: contact.name }));
      setEditing(null);
    },
    onError: (error) => notifySaveError(error, reload),
  });
  const remove = useMutation({
    mutationFn: (contact: Contact) => api.delete(`/accounts/${accountId}/contacts/${contact.id}`),
    onSuccess: () => {
      reload();
      notifySuccess(t("customers:contacts.deleted"));
    },
    onError: (error) => notifyError(error),
  });

  return (
    <Card withBorder component="section" aria-labelledby="contacts-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="contacts-title">
          {t("customers:contacts.title")}
        </Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => setEditing("new")}
        >
          {t("customers:contacts.add")}
        </Button>
      </Group>
      {contacts.isError && <Alert color="red">{contacts.error.message}</Alert>}
      {contacts.data && contacts.data.length === 0 && <Text size="sm">{t("customers:contacts.empty")}</Text>}
      {contacts.data && contacts.data.length > 0 && (
        <TableScroll label={t("customers:contacts.title")} minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customers:contacts.name")}</Table.Th>
                <Table.Th>{t("customers:contacts.role")}</Table.Th>
                <Table.Th>{t("customers:contacts.email")}</Table.Th>
                <Table.Th>{t("customers:contacts.phone")}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t("common.actions", { ns: "translation" })}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.data.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>{contact.name}</Table.Td>
                  <Table.Td>{contact.role || "—"}</Table.Td>
                  <Table.Td>
                    {contact.email ? <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> : "—"}
                  </Table.Td>
                  <Table.Td>{contact.phone || "—"}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t("customers:contacts.edit", { name: contact.name })}
                        onClick={() => setEditing(contact)}
                      >
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("customers:contacts.delete", { name: contact.name })}
                        loading={remove.isPending && remove.variables?.id === contact.id}
                        onClick={() => remove.mutate(contact)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("customers:contacts.add") : t("customers:contacts.editTitle")}
        closeButtonProps={{ "aria-label": t("common.close", { ns: "translation" }) }}
      >
        {editing !== null && (
          <ContactForm
            initial={editing === "new" ? EMPTY : editing}
            pending={save.isPending}
            errors={fieldErrors(save.error)}
            onSubmit={(fields) => save.mutate(fields)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Card>
  );
}

function ContactForm({
  initial,
  pending,
  errors,
  onSubmit,
  onCancel,
}: {
  initial: Fields;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (fields: Fields) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("customers");
  const [fields, setFields] = useState<Fields>({
    name: initial.name,
    role: initial.role,
    email: initial.email,
    phone: initial.phone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(fields);
  };
  return (
    <Stack component="form" gap="sm" onSubmit={submit}>
      <TextInput
        label={t("customers:contacts.name")}
        required
        maxLength={160}
        value={fields.name}
        onChange={(e) => setFields({ ...fields, name: e.currentTarget.value })}
        error={errors.name}
      />
      <TextInput
        label={t("customers:contacts.role")}
        maxLength={120}
        value={fields.role}
        onChange={(e) => setFields({ ...fields, role: e.currentTarget.value })}
        error={errors.role}
      />
      <TextInput
        label={t("customers:contacts.email")}
        type="email"
        maxLength={254}
        value={fields.email}
        onChange={(e) => setFields({ ...fields, email: e.currentTarget.value })}
        error={errors.email}
      />
      <TextInput
        label={t("customers:contacts.phone")}
        type="tel"
        maxLength={60}
        value={fields.phone}
        onChange={(e) => setFields({ ...fields, phone: e.currentTarget.value })}
        error={errors.phone}
      />
      <Group>
        <Button type="submit" loading={pending}>
          {t("common.save", { ns: "translation" })}
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          {t("common.cancel", { ns: "translation" })}
        </Button>
      </Group>
    </Stack>
  );
}
