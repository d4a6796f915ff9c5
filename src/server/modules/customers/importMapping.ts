import type { ImportEntity, ImportField, ImportSource } from "../../../shared/customers.ts";

/**
 * The column names the three CRMs write in their standard CSV exports, so a file maps itself.
 * Taken from the vendors' documented export headers (Salesforce Data Export / report export,
 * HubSpot's "Export" of companies, contacts and deals, Pipedrive's "Export data" with its
 * `Object - Field` naming). Custom fields vary per customer; they stay unmapped for the person to map.
 * `other` holds our own export's headers (so an exported CSV maps back) and common German names.
 */
type Dictionary = Record<ImportEntity, Record<string, ImportField>>;

const VENDORS: Record<Exclude<ImportSource, "other">, Dictionary> = {
  salesforce: {
    accounts: {
      "Account Name": "name",
      Website: "website",
      Industry: "industry",
      "Billing City": "region",
      Employees: "employees",
      Description: "notes",
    },
    contacts: {
      "First Name": "firstName",
      "Last Name": "lastName",
      Title: "role",
      Email: "email",
      Phone: "phone",
      "Account Name": "account",
    },
    deals: {
      "Opportunity Name": "title",
      "Account Name": "account",
      Amount: "amount",
      "Opportunity Currency": "currency",
      "Close Date": "expectedClose",
      Stage: "stage",
      "Lead Source": "source",
      "Probability (%)": "probability",
    },
  },
  hubspot: {
    accounts: {
      "Company name": "name",
      "Company Domain Name": "website",
      Website: "website",
      "Website URL": "website",
      Industry: "industry",
      City: "region",
      "Number of Employees": "employees",
      Description: "notes",
    },
    contacts: {
      "First Name": "firstName",
      "Last Name": "lastName",
      Email: "email",
      "Job Title": "role",
      "Phone Number": "phone",
      "Associated Company": "account",
    },
    deals: {
      "Deal Name": "title",
      Amount: "amount",
      Currency: "currency",
      "Close Date": "expectedClose",
      "Deal Stage": "stage",
      "Associated Company": "account",
      "Deal probability": "probability",
      "Closed Lost Reason": "lostReason",
    },
  },
  pipedrive: {
    accounts: {
      "Organization - Name": "name",
      "Organization - Address": "region",
      "Organization - Website": "website",
      "Organization - Industry": "industry",
      "Organization - Number of employees": "employees",
    },
    contacts: {
      "Person - Name": "name",
      "Person - Email": "email",
      "Person - Phone": "phone",
      "Person - Job title": "role",
      "Person - Organization": "account",
    },
    deals: {
      "Deal - Title": "title",
      "Deal - Value": "amount",
      "Deal - Currency": "currency",
      "Deal - Expected close date": "expectedClose",
      "Deal - Stage": "stage",
      "Deal - Organization": "account",
      "Deal - Probability": "probability",
      "Deal - Lost reason": "lostReason",
      "Deal - Source channel": "source",
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
    Cell: "cell",
    Zelle: "cell",
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
