import { describe, expect, it } from "vitest";
import type { ImportEntity, ImportField, ImportSource } from "../../../shared/customers/import.ts";
import { detectSource, mappedColumns, suggestMapping } from "./importMapping.ts";

/**
 * Each vendor's documented export headers, English and German UI: the file maps itself and is
 * recognised as the vendor's. One case per vendor × entity × language.
 */
const CASES: [ImportSource, ImportEntity, "en" | "de", Record<string, ImportField>][] = [
  [
    "salesforce",
    "deals",
    "en",
    {
      "Opportunity ID": "recordId",
      "Opportunity Name": "title",
      "Account Name": "account",
      Amount: "amount",
      "Opportunity Currency": "currency",
      "Close Date": "expectedClose",
      Stage: "stage",
      "Probability (%)": "probability",
      Type: "type",
      "Lead Source": "source",
      "Created Date": "createdAt",
      Description: "description",
      "Opportunity Owner": "owner",
    },
  ],
  [
    "salesforce",
    "deals",
    "de",
    {
      "Opportunity-ID": "recordId",
      "Name der Opportunity": "title",
      Accountname: "account",
      Betrag: "amount",
      "Opportunity-Währung": "currency",
      Schlusstermin: "expectedClose",
      Phase: "stage",
      "Wahrscheinlichkeit (%)": "probability",
      Typ: "type",
      "Lead-Quelle": "source",
      "Erstellt am": "createdAt",
      Beschreibung: "description",
      "Opportunity-Inhaber": "owner",
    },
  ],
  [
    "salesforce",
    "accounts",
    "de",
    {
      "Account-ID": "recordId",
      Accountname: "name",
      Website: "website",
      Branche: "industry",
      "Ort (Rechnungsanschrift)": "region",
      Mitarbeiter: "employees",
      Beschreibung: "notes",
    },
  ],
  [
    "salesforce",
    "contacts",
    "de",
    {
      "Kontakt-ID": "recordId",
      Vorname: "firstName",
      Nachname: "lastName",
      Titel: "role",
      "E-Mail": "email",
      Telefon: "phone",
      Accountname: "account",
    },
  ],
  [
    "hubspot",
    "deals",
    "en",
    {
      "Record ID": "recordId",
      "Deal Name": "title",
      "Deal Stage": "stage",
      Amount: "amount",
      "Close Date": "expectedClose",
      "Create Date": "createdAt",
      "Deal owner": "owner",
      "Deal Type": "type",
      "Deal Description": "description",
      "Associated Company": "account",
      "Closed Lost Reason": "lostReason",
    },
  ],
  [
    "hubspot",
    "deals",
    "de",
    {
      "Datensatz-ID": "recordId",
      "Name des Deals": "title",
      "Deal-Phase": "stage",
      Betrag: "amount",
      Abschlussdatum: "expectedClose",
      Erstellungsdatum: "createdAt",
      "Deal-Inhaber": "owner",
      "Deal-Typ": "type",
      "Deal-Beschreibung": "description",
      "Zugeordnetes Unternehmen": "account",
    },
  ],
  [
    "hubspot",
    "accounts",
    "de",
    {
      "Datensatz-ID": "recordId",
      "Name des Unternehmens": "name",
      "Domain-Name des Unternehmens": "website",
      Branche: "industry",
      Stadt: "region",
      "Anzahl der Mitarbeiter": "employees",
    },
  ],
  [
    "hubspot",
    "contacts",
    "de",
    {
      "Datensatz-ID": "recordId",
      Vorname: "firstName",
      Nachname: "lastName",
      "E-Mail": "email",
      Jobtitel: "role",
      Telefonnummer: "phone",
      "Zugeordnetes Unternehmen": "account",
    },
  ],
  [
    "pipedrive",
    "deals",
    "en",
    {
      "Deal - ID": "recordId",
      "Deal - Title": "title",
      "Deal - Value": "amount",
      "Deal - Currency": "currency",
      "Deal - Organization": "account",
      "Deal - Status": "status",
      "Deal - Stage": "stage",
      "Deal - Expected close date": "expectedClose",
      "Deal - Deal created": "createdAt",
      "Deal - Deal closed on": "closedOn",
      "Deal - Owner": "owner",
      "Deal - Lost reason": "lostReason",
    },
  ],
  [
    "pipedrive",
    "deals",
    "de",
    {
      "Deal - ID": "recordId",
      "Deal - Titel": "title",
      "Deal - Wert": "amount",
      "Deal - Währung": "currency",
      "Deal - Organisation": "account",
      "Deal - Status": "status",
      "Deal - Phase": "stage",
      "Deal - Erwartetes Abschlussdatum": "expectedClose",
      "Deal - Deal erstellt": "createdAt",
      "Deal - Deal abgeschlossen am": "closedOn",
      "Deal - Inhaber": "owner",
      "Deal - Verlustgrund": "lostReason",
    },
  ],
  [
    "pipedrive",
    "accounts",
    "de",
    {
      "Organisation - ID": "recordId",
      "Organisation - Name": "name",
      "Organisation - Adresse": "region",
      "Organisation - Branche": "industry",
      "Organisation - Anzahl der Mitarbeiter": "employees",
    },
  ],
  [
    "pipedrive",
    "contacts",
    "de",
    {
      "Person - ID": "recordId",
      "Person - Name": "name",
      "Person - E-Mail": "email",
      "Person - Telefon": "phone",
      "Person - Organisation": "account",
    },
  ],
];

describe("header synonyms", () => {
  it.each(CASES)("maps %s %s exports with the %s UI's headers", (source, entity, _lang, expected) => {
    const headers = Object.keys(expected);
    expect(detectSource(entity, headers)).toBe(source);
    expect(suggestMapping(entity, headers)).toEqual(expected);
  });

  it("ignores case and repeated spaces, and maps each field once", () => {
    expect(
      suggestMapping("deals", [
        "deal -  titel",
        "DEAL - WERT",
        "Deal - Gewonnen am",
        "Deal - Deal closed on",
      ]),
    ).toEqual({
      "deal -  titel": "title",
      "DEAL - WERT": "amount",
      "Deal - Gewonnen am": "closedOn",
    });
  });

  it("names every column that nothing reads: unmapped, a field twice, a field of another entity", () => {
    const { columns, ignored } = mappedColumns("deals", ["Titel", "Name", "Extra", "", "E-Mail"], {
      Titel: "title",
      Name: "title",
      Extra: "",
      "E-Mail": "email",
    });
    expect(columns).toEqual({ title: { index: 0, header: "Titel" } });
    expect(ignored).toEqual(["Name", "Extra", "#4", "E-Mail"]);
  });
});
