import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import type { Person, PersonPatch, Role } from "../../../shared/org.ts";
import { api } from "../../api.ts";
import { followPersonLocale, type UiLanguage } from "../../i18n/i18n.ts";
import { formatDate, languageName } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { SESSION_KEY, useOrganisation, useSession } from "../../ui/session.tsx";
import { EmailPreferences } from "../decisions/EmailPreferences.tsx";
import { DownloadMyData, Erasure } from "./PersonalData.tsx";
import { orgKeys, useAllCells, usePerson } from "./queries.ts";

export function ProfileRedirect() {
  const { person } = useSession();
  return <Navigate to={`/people/${person.id}`} replace />;
}

export function PersonPage() {
  const { t } = useTranslation();
  const { personId = "" } = useParams();
  const session = useSession();
  const organisation = useOrganisation();
  const person = usePerson(personId);
  const cells = useAllCells();

  if (person.isPending) return <Loader aria-label={t("common.loading")} />;
  if (person.isError) return <Alert color="red">{person.error.message}</Alert>;
  const data = person.data;
  const isSelf = data.id === session.person.id;
  const memberOf = (cells.data ?? []).filter((c) => data.cellIds.includes(c.id));

  return (
    <Stack maw={760}>
      <Stack gap={4}>
        <Title order={1}>{isSelf ? t("profile.title") : data.name}</Title>
        <Group gap="xs">
          <Badge variant="light" color="blue">
            {t(`roles.${data.role}`)}
          </Badge>
          {!data.active && (
            <Badge variant="filled" color="gray">
              {t(data.erased ? "people.erased" : "people.deactivated")}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {t("people.since", { date: formatDate(data.createdAt) })}
          </Text>
        </Group>
      </Stack>
      <Card withBorder component="section" aria-labelledby="person-facts">
        <Title order={2} size="h3" id="person-facts" mb="sm">
          {t("people.about")}
        </Title>
        <Stack gap={6}>
          <Text>
            <strong>{t("auth.email")}:</strong>{" "}
            {data.email ? <Anchor href={`mailto:${data.email}`}>{data.email}</Anchor> : "—"}
          </Text>
          <Text>
            <strong>{t("people.languages")}:</strong> {data.languages.map(languageName).join(", ") || "—"}
          </Text>
          <div>
            <Text component="span" fw={700}>
              {t("people.skills")}:
            </Text>{" "}
            {data.skills.length === 0 ? (
              "—"
            ) : (
              <Group gap={4} component="span" display="inline-flex">
                {data.skills.map((skill) => (
                  <Badge key={skill} variant="outline" color="dark" tt="none">
                    {skill}
                  </Badge>
                ))}
              </Group>
            )}
          </div>
          <Text>
            <strong>{t("people.cells")}:</strong>{" "}
            {memberOf.length === 0
              ? t("people.noCells")
              : memberOf.map((cell, i) => (
                  <span key={cell.id}>
                    {i > 0 && ", "}
                    <Anchor component={Link} to={`/cells/${cell.id}`}>
                      {cell.name}
                    </Anchor>
                  </span>
                ))}
          </Text>
        </Stack>
      </Card>
      {isSelf && <ProfileForm key={data.version} person={data} />}
      {isSelf && <EmailPreferences />}
      {isSelf && <DownloadMyData />}
      {isSelf && <Erasure key={`erasure-${data.version}`} person={data} self />}
      {!isSelf && organisation.abilities.changeRoles && (
        <RoleSwitch key={`role-${data.version}`} person={data} />
      )}
      {!isSelf && organisation.abilities.deactivatePeople && !data.erased && (
        <Offboarding key={`access-${data.version}`} person={data} />
      )}
      {!isSelf && organisation.abilities.deactivatePeople && (
        <Erasure key={`erasure-${data.version}`} person={data} />
      )}
    </Stack>
  );
}

function ProfileForm({ person }: { person: Person }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(person.name);
  const [languages, setLanguages] = useState<string[]>(person.languages);
  const [skills, setSkills] = useState<string[]>(person.skills);
  const [locale, setLocale] = useState<UiLanguage>(person.locale);

  const save = useMutation({
    mutationFn: (patch: PersonPatch) => api.patch<Person>(`/people/${person.id}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(orgKeys.person(person.id), updated);
      queryClient.invalidateQueries({ queryKey: orgKeys.people });
      queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      if (updated.locale !== person.locale) followPersonLocale(updated.locale);
      notifySuccess(t("profile.saved"));
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: orgKeys.person(person.id) })),
  });
  const errors = fieldErrors(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      version: person.version,
      name,
      languages: languages as UiLanguage[],
      skills,
      locale,
    });
  };

  return (
    <Card withBorder component="section" aria-labelledby="profile-edit">
      <Title order={2} size="h3" id="profile-edit" mb="sm">
        {t("profile.edit")}
      </Title>
      <Stack component="form" onSubmit={submit} gap="sm">
        <TextInput
          label={t("people.name")}
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Checkbox.Group
          label={t("profile.languagesSpoken")}
          value={languages}
          onChange={setLanguages}
          error={errors.languages}
        >
          <Group mt={4}>
            <Checkbox value="de" label={t("languages.de")} />
            <Checkbox value="en" label={t("languages.en")} />
          </Group>
        </Checkbox.Group>
        <TagsInput
          label={t("people.skills")}
          description={t("profile.skillsHelp")}
          value={skills}
          onChange={setSkills}
          maxTags={30}
          splitChars={[",", ";"]}
          clearable
          error={errors.skills}
        />
        <NativeSelect
          label={t("profile.uiLanguage")}
          value={locale}
          onChange={(e) => setLocale(e.currentTarget.value as UiLanguage)}
          data={[
            { value: "de", label: t("languages.de") },
            { value: "en", label: t("languages.en") },
          ]}
          error={errors.locale}
        />
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t("common.save")}
        </Button>
      </Stack>
    </Card>
  );
}

function RoleSwitch({ person }: { person: Person }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(person.role);
  const change = useMutation({
    mutationFn: () => api.put<Person>(`/people/${person.id}/role`, { version: person.version, role }),
    onSuccess: (updated) => {
      queryClient.setQueryData(orgKeys.person(person.id), updated);
      queryClient.invalidateQueries({ queryKey: orgKeys.people });
      notifySuccess(t("people.roleChanged", { name: person.name, role: t(`roles.${updated.role}`) }));
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: orgKeys.person(person.id) })),
  });
  return (
    <Card withBorder component="section" aria-labelledby="role-title">
      <Title order={2} size="h3" id="role-title" mb="xs">
        {t("people.role")}
      </Title>
      <Text size="sm" mb="sm">
        {t("people.roleExplain")}
      </Text>
      <Group align="flex-end">
        <NativeSelect
          label={t("people.roleOf", { name: person.name })}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
          data={[
            { value: "member", label: t("roles.member") },
            { value: "steward", label: t("roles.steward") },
          ]}
        />
        <Button disabled={role === person.role} loading={change.isPending} onClick={() => change.mutate()}>
          {t("people.changeRole")}
        </Button>
      </Group>
    </Card>
  );
}

/** Offboarding: a steward deactivates a colleague who left (or brings them back). Their work stays. */
function Offboarding({ person }: { person: Person }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      api.put<Person>(`/people/${person.id}/active`, { version: person.version, active: !person.active }),
    onSuccess: (updated) => {
      queryClient.setQueryData(orgKeys.person(person.id), updated);
      queryClient.invalidateQueries({ queryKey: orgKeys.people });
      notifySuccess(
        t(updated.active ? "people.reactivatedNotice" : "people.deactivatedNotice", { name: person.name }),
      );
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: orgKeys.person(person.id) })),
  });
  return (
    <Card withBorder component="section" aria-labelledby="offboarding-title">
      <Title order={2} size="h3" id="offboarding-title" mb="xs">
        {t("people.access")}
      </Title>
      <Text size="sm" mb="sm">
        {t(person.active ? "people.deactivateExplain" : "people.reactivateExplain", { name: person.name })}
      </Text>
      {person.active && !confirming ? (
        <Button color="red" variant="light" onClick={() => setConfirming(true)}>
          {t("people.deactivate", { name: person.name })}
        </Button>
      ) : (
        <Group>
          <Button
            color={person.active ? "red" : "blue"}
            loading={change.isPending}
            onClick={() => change.mutate()}
          >
            {t(person.active ? "people.deactivateConfirm" : "people.reactivate", { name: person.name })}
          </Button>
          {person.active && (
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}
