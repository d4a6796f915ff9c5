import { Alert, Anchor, Badge, Group, Loader, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { languageName } from "../../ui/format.ts";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { useOrganisation } from "../../ui/session.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { Invitations } from "./Invitations.tsx";
import { usePeople } from "./queries.ts";

export function PeoplePage() {
  const { t } = useTranslation();
  const organisation = useOrganisation();
  const [q, setQ] = useState("");
  const [skill, setSkill] = useState("");
  const [filter] = useDebouncedValue({ q: q.trim() || undefined, skill: skill.trim() || undefined }, 300);
  const people = usePeople(filter);
  const items = pageItems(people);

  return (
    <Stack>
      <Title order={1}>{t("people.title")}</Title>
      <Text>{t("people.intro")}</Text>
      <Group align="flex-end" role="search" aria-label={t("people.searchLabel")}>
        <TextInput
          label={t("people.searchName")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maxLength={100}
        />
        <TextInput
          label={t("people.filterSkill")}
          description={t("people.filterSkillHelp")}
          value={skill}
          onChange={(e) => setSkill(e.currentTarget.value)}
          maxLength={60}
        />
      </Group>
      {people.isPending && <Loader aria-label={t("common.loading")} />}
      {people.isError && <Alert color="red">{people.error.message}</Alert>}
      {people.data && items.length === 0 && <Alert color="gray">{t("people.nobody")}</Alert>}
      {items.length > 0 && (
        <TableScroll label={t("people.title")} minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("people.name")}</Table.Th>
                <Table.Th>{t("people.role")}</Table.Th>
                <Table.Th>{t("people.skills")}</Table.Th>
                <Table.Th>{t("people.languages")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${person.id}`}>
                      {person.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`roles.${person.role}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {person.skills.map((s) => (
                        <Badge
                          key={s}
                          variant="outline"
                          color="dark"
                          tt="none"
                          component="button"
                          type="button"
                          style={{ cursor: "pointer" }}
                          onClick={() => setSkill(s)}
                          aria-label={t("people.filterBySkill", { skill: s })}
                        >
                          {s}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{person.languages.map(languageName).join(", ")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <LoadMore read={people} />
      {organisation.abilities.invite && <Invitations />}
    </Stack>
  );
}
