import { NativeSelect, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ImportField, ImportPreview } from "../../../shared/customers/import.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";

/** header → field; "" leaves the column out of the import. */
export type ColumnMapping = Record<string, ImportField | "">;

/** Every header of the file, mapped by the server's suggestion or left out. */
export const mappingOf = (preview: ImportPreview): ColumnMapping =>
  Object.fromEntries(preview.headers.map((header) => [header, preview.mapping[header] ?? ""]));

/**
 * The file's columns with a select each: what the CRM export calls a column and which field it fills.
 * A field already chosen for another column is disabled, because the server reads only the first
 * column mapped to a field; the person should not believe two columns are imported into one field.
 */
export function ImportMapping({
  preview,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const { t } = useTranslation("customers");
  const sample = preview.rows[0]?.cells ?? [];
  return (
    <TableScroll label={t("customers:import.mapping.caption")} minWidth={520}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("customers:import.mapping.column")}</Table.Th>
            <Table.Th scope="col">{t("customers:import.mapping.sample")}</Table.Th>
            <Table.Th scope="col">{t("customers:import.mapping.field")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.headers.map((header, index) => {
            const taken = new Set(
              Object.entries(mapping)
                .filter(([other, field]) => other !== header && field)
                .map(([, field]) => field),
            );
            return (
              // Headers may repeat in a file; their position keeps the rows apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: the column's position is its identity.
              <Table.Tr key={index}>
                <Table.Th scope="row">{header}</Table.Th>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {sample[index] ?? ""}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={t("customers:import.mapping.mapTo", { column: header })}
                    value={mapping[header] ?? ""}
                    onChange={(e) =>
                      onChange({ ...mapping, [header]: e.currentTarget.value as ImportField | "" })
                    }
                    data={[
                      { value: "", label: t("customers:import.mapping.ignore") },
                      ...preview.fields.map((field) => ({
                        value: field,
                        label: t(`customers:import.fields.${field}`),
                        disabled: taken.has(field),
                      })),
                    ]}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
