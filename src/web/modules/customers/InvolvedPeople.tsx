import { Button, Card, MultiSelect, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Deal } from "../../../shared/customers/deals.ts";
import { api } from "../../api.ts";
import { notifySuccess } from "../../ui/notify.tsx";
import { usePeople } from "../org/queries.ts";
import { notifySaveError } from "./feedback.tsx";
import { customerKeys } from "./queries.ts";

/**
 * Who works on a deal, so colleagues know whom to ask. Informational only: the deal belongs to its
 * cell, and nothing is counted or summed per person (PRODUCT.md rules 2 and 5).
 */
export function InvolvedPeople({ deal }: { deal: Deal }) {
  const { t } = useTranslation("customers");
  const queryClient = useQueryClient();
  const people = usePeople({}, 500);
  const [personIds, setPersonIds] = useState(deal.people.map((p) => p.id));
  const options = new Map(deal.people.map((p) => [p.id, p.name]));
  for (const page of people.data?.pages ?? [])
    for (const person of page.items) options.set(person.id, person.name);

  const save = useMutation({
    mutationFn: () =>
      api.patch<Deal>(`/deals/${deal.id}`, {
        personIds,
        version: queryClient.getQueryData<Deal>(customerKeys.deal(deal.id))?.version ?? deal.version,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.deal(deal.id), saved);
      notifySuccess(t("customers:deal.peopleSaved"));
    },
    onError: (error) =>
      notifySaveError(error, () => queryClient.invalidateQueries({ queryKey: customerKeys.deal(deal.id) })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Card withBorder component="section" aria-labelledby="deal-people-title">
      <Title order={2} size="h3" id="deal-people-title" mb="xs">
        {t("customers:deal.people")}
      </Title>
      <Text size="sm" mb="xs">
        {t("customers:deal.peopleHelp")}
      </Text>
      <Stack component="form" gap="xs" onSubmit={submit}>
        <MultiSelect
          label={t("customers:deal.peopleLabel")}
          searchable
          value={personIds}
          onChange={setPersonIds}
          data={[...options].map(([value, label]) => ({ value, label }))}
          nothingFoundMessage={t("customers:deal.noPeople")}
          maxValues={50}
        />
        <Button type="submit" size="xs" variant="light" w="fit-content" loading={save.isPending}>
          {t("customers:deal.savePeople")}
        </Button>
      </Stack>
    </Card>
  );
}
