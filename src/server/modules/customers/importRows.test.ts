import { describe, expect, it } from "vitest";
import { detectSource, suggestMapping } from "./importMapping.ts";
import { domainOf, parseDate, parseDateTime, parseNumber, sizeOf } from "./importRows.ts";

describe("import values", () => {
  it("reads German and English numbers", () => {
    expect(parseNumber("1.234,56")).toBe(1234.56);
    expect(parseNumber("1,234.56")).toBe(1234.56);
    expect(parseNumber("1234.56")).toBe(1234.56);
    expect(parseNumber("1234,56")).toBe(1234.56);
    expect(parseNumber("1.234.567")).toBe(1234567);
    expect(parseNumber("12,5")).toBe(12.5);
    expect(parseNumber("€ 1.500,00")).toBe(1500);
    expect(parseNumber("50 %")).toBe(50);
    expect(parseNumber("-3")).toBe(-3);
    expect(parseNumber("zwölf")).toBeNull();
    expect(parseNumber("1,23,4")).toBeNull();
    expect(parseNumber("1.234,5.6")).toBeNull();
  });

  it("reads the CRMs' created-at columns as instants; a date alone is noon UTC", () => {
    expect(parseDateTime("03.09.2026, 09:15")).toBe("2026-09-03T09:15:00.000Z");
    expect(parseDateTime("26.11.2026 14:03")).toBe("2026-11-26T14:03:00.000Z");
    expect(parseDateTime("2026-11-26 14:03:27")).toBe("2026-11-26T14:03:27.000Z");
    expect(parseDateTime("2026-11-26T14:03:00+01:00")).toBe("2026-11-26T13:03:00.000Z");
    expect(parseDateTime("11/26/2026 2:03 PM")).toBe("2026-11-26T14:03:00.000Z");
    expect(parseDateTime("11/26/2026 12:10 AM")).toBe("2026-11-26T00:10:00.000Z");
    expect(parseDateTime("26.11.2026")).toBe("2026-11-26T12:00:00.000Z");
    expect(parseDateTime("26.11.2026 25:00")).toBeNull();
    expect(parseDateTime("31.02.2026 10:00")).toBeNull();
    expect(parseDateTime("gestern")).toBeNull();
  });

  it("reads German, ISO and US dates and refuses impossible ones", () => {
    expect(parseDate("31.12.2026")).toBe("2026-12-31");
    expect(parseDate("1.2.2026")).toBe("2026-02-01");
    expect(parseDate("2026-12-31")).toBe("2026-12-31");
    expect(parseDate("2026-12-31 00:00:00")).toBe("2026-12-31");
    expect(parseDate("12/31/2026")).toBe("2026-12-31");
    expect(parseDate("31.02.2026")).toBeNull();
    expect(parseDate("31/12/2026")).toBeNull();
    expect(parseDate("tomorrow")).toBeNull();
  });

  it("derives domains and size bands", () => {
    expect(domainOf("https://www.Example.com/about")).toBe("example.com");
    expect(domainOf("example.de")).toBe("example.de");
    expect(sizeOf("120")).toBe("50-249");
    expect(sizeOf("1.200")).toBe("1000+");
    expect(sizeOf("10-49")).toBe("10-49");
    expect(sizeOf("")).toBe("unknown");
    expect(sizeOf("many")).toBeNull();
  });
});

describe("import mapping", () => {
  it("recognises each vendor's export headers and maps them", () => {
    const sf = ["Account Name", "Website", "Industry", "Billing City", "Employees"];
    expect(detectSource("accounts", sf)).toBe("salesforce");
    expect(suggestMapping("accounts", sf)).toEqual({
      "Account Name": "name",
      Website: "website",
      Industry: "industry",
      "Billing City": "region",
      Employees: "employees",
    });
    const hs = ["Deal Name", "Amount", "Close Date", "Deal Stage", "Associated Company"];
    expect(detectSource("deals", hs)).toBe("hubspot");
    expect(Object.values(suggestMapping("deals", hs))).toEqual([
      "title",
      "amount",
      "expectedClose",
      "stage",
      "account",
    ]);
    const pd = ["Person - Name", "Person - Email", "Person - Phone", "Person - Organization"];
    expect(detectSource("contacts", pd)).toBe("pipedrive");
    expect(suggestMapping("contacts", pd)["Person - Organization"]).toBe("account");
  });

  it("maps a field once and leaves unknown headers for the person", () => {
    const mapping = suggestMapping("accounts", ["Name", "Company", "Lieblingsfarbe"]);
    expect(mapping).toEqual({ Name: "name" });
    expect(detectSource("accounts", ["Name", "Lieblingsfarbe"])).toBe("other");
  });
});
