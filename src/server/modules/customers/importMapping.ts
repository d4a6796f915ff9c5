import {
  IMPORT_FIELDS,
  type ImportEntity,
  type ImportField,
  type ImportInput,
  type ImportSource,
} from "../../../shared/customers/import.ts";

/**
 * The column names the three CRMs write in their standard CSV exports, so a file maps itself.
 * Taken from the vendors' documented export headers (Salesforce Data Export / report export,
 * HubSpot's "Export" of companies, contacts and deals, Pipedrive's "Export data" with its
 * `Object - Field` naming), each with the English and the German UI's column names, and for
 * Salesforce also the API names its Data Export and Data Loader write. Custom fields vary per
 * customer; they stay unmapped for the person to map (and the dry run lists them as not imported).
 * `GENERIC` holds our own export's headers (so an exported CSV maps back) and common German names.
 */
type Dictionary = Record<ImportEntity, Record<string, ImportField>>;

const VENDORS: Record<Exclude<ImportSource, "other">, Dictionary> = {
  salesforce: {
    accounts: {
      // Report export, English UI
      "Account ID": "recordId",
      "Account Name": "name",
      Website: "website",
      Industry: "industry",
      "Billing City": "region",
      Employees: "employees",
      Description: "notes",
      // Report export, German UI
      "Account-ID": "recordId",
      Accountname: "name",
      "Account-Name": "name",
      Branche: "industry",
      "Ort (Rechnungsanschrift)": "region",
      "Rechnungsanschrift Ort": "region",
      Rechnungsort: "region",
      Mitarbeiter: "employees",
      Beschreibung: "notes",
      // Data Export service and Data Loader: the API names
      Id: "recordId",
      Name: "name",
      BillingCity: "region",
      NumberOfEmployees: "employees",
    },
    contacts: {
      "Contact ID": "recordId",
      "First Name": "firstName",
      "Last Name": "lastName",
      Title: "role",
      Email: "email",
      Phone: "phone",
      "Account Name": "account",
      "Kontakt-ID": "recordId",
      Vorname: "firstName",
      Nachname: "lastName",
      Titel: "role",
      "E-Mail": "email",
      Telefon: "phone",
      Accountname: "account",
      "Account-Name": "account",
      Id: "recordId",
      FirstName: "firstName",
      LastName: "lastName",
      AccountId: "account",
    },
    deals: {
      "Opportunity ID": "recordId",
      "Opportunity Name": "title",
      "Account Name": "account",
      Amount: "amount",
      "Opportunity Currency": "currency",
      "Close Date": "expectedClose",
      Stage: "stage",
      "Lead Source": "source",
      "Probability (%)": "probability",
      "Created Date": "createdAt",
      Description: "description",
      Type: "type",
      "Opportunity Owner": "owner",
      "Loss Reason": "lostReason",
      "Opportunity-ID": "recordId",
      "Name der Opportunity": "title",
      "Opportunity-Name": "title",
      Opportunityname: "title",
      Accountname: "account",
      "Account-Name": "account",
      Betrag: "amount",
      "Opportunity-Währung": "currency",
      Schlusstermin: "expectedClose",
      Phase: "stage",
      "Lead-Quelle": "source",
      "Wahrscheinlichkeit (%)": "probability",
      "Erstellt am": "createdAt",
      Erstelldatum: "createdAt",
      Beschreibung: "description",
      Typ: "type",
      "Opportunity-Inhaber": "owner",
      "Inhaber der Opportunity": "owner",
      Verlustgrund: "lostReason",
      Id: "recordId",
      Name: "title",
      StageName: "stage",
      CloseDate: "expectedClose",
      CreatedDate: "createdAt",
      CurrencyIsoCode: "currency",
      LeadSource: "source",
      Probability: "probability",
    },
  },
  hubspot: {
    accounts: {
      "Record ID": "recordId",
      "Company name": "name",
      "Company Domain Name": "website",
      Website: "website",
      "Website URL": "website",
      Industry: "industry",
      City: "region",
      "Number of Employees": "employees",
      Description: "notes",
      "Datensatz-ID": "recordId",
      "Name des Unternehmens": "name",
      Unternehmensname: "name",
      "Domain-Name des Unternehmens": "website",
      Unternehmensdomain: "website",
      "Website-URL": "website",
      Branche: "industry",
      Stadt: "region",
      "Anzahl der Mitarbeiter": "employees",
      "Anzahl der Mitarbeitenden": "employees",
      Beschreibung: "notes",
    },
    contacts: {
      "Record ID": "recordId",
      "First Name": "firstName",
      "Last Name": "lastName",
      Email: "email",
      "Job Title": "role",
      "Phone Number": "phone",
      "Associated Company": "account",
      "Company Name": "account",
      "Datensatz-ID": "recordId",
      Vorname: "firstName",
      Nachname: "lastName",
      "E-Mail": "email",
      Jobtitel: "role",
      Berufsbezeichnung: "role",
      Telefonnummer: "phone",
      "Zugeordnetes Unternehmen": "account",
      "Verknüpftes Unternehmen": "account",
      "Name des Unternehmens": "account",
    },
    deals: {
      "Record ID": "recordId",
      "Deal Name": "title",
      Amount: "amount",
      Currency: "currency",
      "Deal Currency Code": "currency",
      "Close Date": "expectedClose",
      "Deal Stage": "stage",
      "Associated Company": "account",
      "Deal probability": "probability",
      "Closed Lost Reason": "lostReason",
      "Create Date": "createdAt",
      "Deal Description": "description",
      "Deal Type": "type",
      "Deal owner": "owner",
      "Datensatz-ID": "recordId",
      "Name des Deals": "title",
      "Deal-Name": "title",
      Dealname: "title",
      Betrag: "amount",
      Währung: "currency",
      Abschlussdatum: "expectedClose",
      "Deal-Phase": "stage",
      Dealphase: "stage",
      "Zugeordnetes Unternehmen": "account",
      "Verknüpftes Unternehmen": "account",
      "Deal-Wahrscheinlichkeit": "probability",
      "Grund für verlorenen Deal": "lostReason",
      "Grund für Verlust": "lostReason",
      Erstellungsdatum: "createdAt",
      Erstelldatum: "createdAt",
      "Deal-Beschreibung": "description",
      "Deal-Typ": "type",
      "Deal-Inhaber": "owner",
      Dealinhaber: "owner",
    },
  },
  pipedrive: {
    accounts: {
      "Organization - ID": "recordId",
      "Organization - Name": "name",
      "Organization - Address": "region",
      "Organization - Website": "website",
      "Organization - Industry": "industry",
      "Organization - Number of employees": "employees",
      "Organisation - ID": "recordId",
      "Organisation - Name": "name",
      "Organisation - Adresse": "region",
      "Organisation - Website": "website",
      "Organisation - Branche": "industry",
      "Organisation - Anzahl der Mitarbeiter": "employees",
      "Organisation - Mitarbeiterzahl": "employees",
    },
    contacts: {
      "Person - ID": "recordId",
      "Person - Name": "name",
      "Person - First name": "firstName",
      "Person - Last name": "lastName",
      "Person - Email": "email",
      "Person - Phone": "phone",
      "Person - Job title": "role",
      "Person - Organization": "account",
      "Person - Vorname": "firstName",
      "Person - Nachname": "lastName",
      "Person - E-Mail": "email",
      "Person - Telefon": "phone",
      "Person - Jobtitel": "role",
      "Person - Position": "role",
      "Person - Organisation": "account",
    },
    deals: {
      "Deal - ID": "recordId",
      "Deal - Title": "title",
      "Deal - Value": "amount",
      "Deal - Currency": "currency",
      "Deal - Expected close date": "expectedClose",
      "Deal - Stage": "stage",
      "Deal - Status": "status",
      "Deal - Organization": "account",
      "Deal - Probability": "probability",
      "Deal - Lost reason": "lostReason",
      "Deal - Source channel": "source",
      "Deal - Deal created": "createdAt",
      "Deal - Deal closed on": "closedOn",
      "Deal - Won time": "closedOn",
      "Deal - Owner": "owner",
      "Deal - Titel": "title",
      "Deal - Wert": "amount",
      "Deal - Währung": "currency",
      "Deal - Erwartetes Abschlussdatum": "expectedClose",
      "Deal - Phase": "stage",
      "Deal - Organisation": "account",
      "Deal - Wahrscheinlichkeit": "probability",
      "Deal - Verlustgrund": "lostReason",
      "Deal - Grund für Verlust": "lostReason",
      "Deal - Quellkanal": "source",
      "Deal - Deal erstellt": "createdAt",
      "Deal - Deal abgeschlossen am": "closedOn",
      "Deal - Abgeschlossen am": "closedOn",
      "Deal - Gewonnen am": "closedOn",
      "Deal - Inhaber": "owner",
      "Deal - Besitzer": "owner",
    },
  },
};

const GENERIC: Dictionary = {
  accounts: {
    Name: "name",
    Account: "name",
    Company: "name",
    Firma: "name",
    Unternehmen: "name",
    Industry: "industry",
    Branche: "industry",
    Employees: "employees",
    Mitarbeiter: "employees",
    Size: "employees",
    Größe: "employees",
    Region: "region",
    City: "region",
    Ort: "region",
    Stadt: "region",
    Website: "website",
    Webseite: "website",
    Domain: "website",
    Notes: "notes",
    Notizen: "notes",
    Cell: "cell",
    Zelle: "cell",
    Id: "recordId",
  },
  contacts: {
    Name: "name",
    "First Name": "firstName",
    Vorname: "firstName",
    "Last Name": "lastName",
    Nachname: "lastName",
    Role: "role",
    Rolle: "role",
    Position: "role",
    Email: "email",
    "E-mail": "email",
    "E-Mail": "email",
    Phone: "phone",
    Telefon: "phone",
    Account: "account",
    Company: "account",
    Firma: "account",
    Id: "recordId",
  },
  deals: {
    Title: "title",
    Titel: "title",
    Name: "title",
    Account: "account",
    Company: "account",
    Firma: "account",
    Amount: "amount",
    Betrag: "amount",
    Value: "amount",
    Wert: "amount",
    Currency: "currency",
    Währung: "currency",
    Stage: "stage",
    Phase: "stage",
    Status: "status",
    "Expected close": "expectedClose",
    "Close Date": "expectedClose",
    Abschlussdatum: "expectedClose",
    "Probability (%)": "probability",
    Probability: "probability",
    Wahrscheinlichkeit: "probability",
    Source: "source",
    Quelle: "source",
    "Lost reason": "lostReason",
    Verlustgrund: "lostReason",
    Description: "description",
    Beschreibung: "description",
    Type: "type",
    Typ: "type",
    Created: "createdAt",
    "Created at": "createdAt",
    "Erstellt am": "createdAt",
    Owner: "owner",
    Inhaber: "owner",
    Cell: "cell",
    Zelle: "cell",
    Id: "recordId",
  },
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/\s+/g, " ");

function lookup(dictionary: Record<string, ImportField>, header: string): ImportField | undefined {
  const key = normalise(header);
  for (const [name, field] of Object.entries(dictionary)) if (normalise(name) === key) return field;
  return undefined;
}

/** The vendor whose dictionary knows most of the headers (at least two); `other` otherwise. */
export function detectSource(entity: ImportEntity, headers: string[]): ImportSource {
  let best: ImportSource = "other";
  let bestScore = 1;
  for (const [source, dictionary] of Object.entries(VENDORS) as [ImportSource, Dictionary][]) {
    const score = headers.filter((h) => lookup(dictionary[entity], h) !== undefined).length;
    if (score > bestScore) {
      best = source;
      bestScore = score;
    }
  }
  return best;
}

/** header → field for every header a dictionary knows (the detected vendor's first); each field once. */
export function suggestMapping(
  entity: ImportEntity,
  headers: string[],
  source: ImportSource = detectSource(entity, headers),
): Record<string, ImportField> {
  const dictionaries = [
    ...(source === "other" ? [] : [VENDORS[source][entity]]),
    GENERIC[entity],
    ...Object.values(VENDORS).map((d) => d[entity]),
  ];
  const mapping: Record<string, ImportField> = {};
  const taken = new Set<ImportField>();
  for (const header of headers) {
    for (const dictionary of dictionaries) {
      const field = lookup(dictionary, header);
      if (field && !taken.has(field)) {
        mapping[header] = field;
        taken.add(field);
        break;
      }
    }
  }
  return mapping;
}

export type Columns = Partial<Record<ImportField, { index: number; header: string }>>;

/** The file's columns → fields (the first column per field), and the columns nothing reads. */
export function mappedColumns(entity: ImportEntity, headers: string[], mapping: ImportInput["mapping"]) {
  const allowed = new Set(IMPORT_FIELDS[entity]);
  const columns: Columns = {};
  const ignored: string[] = [];
  for (const [index, header] of headers.entries()) {
    const field = mapping[header];
    if (field && allowed.has(field) && !columns[field]) columns[field] = { index, header };
    else ignored.push(header || `#${index + 1}`);
  }
  return { columns, ignored };
}
