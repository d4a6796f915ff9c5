import { Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CustomersNav } from "../BoardPage.tsx";

const ENTITIES = ["accounts", "contacts", "deals", "offers"] as const;

/**
 * Downloads of the organisation's customers as CSV (Excel-friendly, headers the importer maps back)
 * or JSON, plus the whole customers document for moving to another Periphery. Every export is
 * recorded in the audit log by the server.
 */
export function ExportPage() {
  const { t } = useTranslation("customers");
  return (
    <Stack gap="md">
      <CustomersNav />
      <Title order={1}>{t("customers:export.title")}</Title>
      <Text>{t("customers:export.intro")}</Text>
      <Table.ScrollContainer minWidth={320}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("customers:export.what")}</Table.Th>
              <Table.Th scope="col">CSV</Table.Th>
              <Table.Th scope="col">JSON</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ENTITIES.map((entity) => (
              <Table.Tr key={entity}>
                <Table.Th scope="row">{t(`customers:export.${entity}`)}</Table.Th>
                {(["csv", "json"] as const).map((format) => (
                  <Table.Td key={format}>
                    <Anchor href={`/api/export/${entity}?format=${format}`} download>
                      {t("customers:export.download", {
                        what: t(`customers:export.${entity}`),
                        format: format.toUpperCase(),
                      })}
                    </Anchor>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Anchor href="/api/export/customers.json" download="customers.json">
        {t("customers:export.everything")}
      </Anchor>
    </Stack>
  );
}
