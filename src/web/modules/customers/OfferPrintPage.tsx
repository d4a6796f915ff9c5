import { Alert, Anchor, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { IconArrowLeft, IconDownload, IconPrinter } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { countryName } from "../../../shared/address.ts";
import i18n from "../../i18n/i18n.ts";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { formatBps, formatDay, formatMinor, formatQuantity } from "./money.ts";
import { useLetterhead, useOffer } from "./queries.ts";

/**
 * The offer as the customer reads it, in the offer's own language and in the order of the PDF letter
 * (DIN 5008, offerLetter.ts on the server): sender line and address, information block, subject, lines,
 * totals as subtotal, discount, net, VAT, gross. A4 print CSS (customers.css) hides the app around it;
 * on a phone the lines table scrolls inside the page instead of widening it.
 */
export function OfferPrintPage() {
  const { t: ui } = useTranslation("customers");
  const { offerId = "" } = useParams();
  const offer = useOffer(offerId);
  const letterhead = useLetterhead();

  if (offer.isPending || letterhead.isPending)
    return <Loader aria-label={ui("common.loading", { ns: "translation" })} />;
  if (offer.isError) return <Alert color="red">{offer.error.message}</Alert>;
  const data = offer.data;
  const head = letterhead.data;
  const lang = data.language;
  const t = i18n.getFixedT(lang, "customers");
  const money = (amount: number) => formatMinor(amount, data.currency, lang);
  const senderAddress = (head?.address ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const senderLine = [head?.companyName ?? "", ...senderAddress].filter(Boolean).join(" · ");
  const { recipient, contact } = data;
  const abroad = recipient.country !== "" && recipient.country !== (head?.country ?? "");
  const address = [
    data.accountName,
    contact ? t("customers:print.attention", { name: contact.name }) : "",
    recipient.street,
    [recipient.postalCode, recipient.city].filter(Boolean).join(" "),
    abroad ? countryName(recipient.country, lang).toLocaleUpperCase(lang) : "",
  ].filter(Boolean);
  const info: [string, string][] = [
    [t("customers:print.dateLabel"), formatDay((data.sentAt ?? data.updatedAt).slice(0, 10), lang)],
    [t("customers:print.number"), data.number],
    ...(contact ? [[t("customers:print.contact"), contact.name] as [string, string]] : []),
    [t("customers:offer.validUntil"), formatDay(data.validUntil, lang)],
    [t("customers:offer.paymentTerms"), String(data.paymentTermsDays)],
    ...(recipient.vatId ? [[t("customers:print.customerVatId"), recipient.vatId] as [string, string]] : []),
  ];
  const totals: [string, string, boolean][] = [
    [t("customers:print.subtotal"), money(data.totals.subtotal), false],
    ...(data.totals.discount > 0
      ? [[t("customers:print.discount"), money(-data.totals.discount), false] as [string, string, boolean]]
      : []),
    [t("customers:print.net"), money(data.totals.net), false],
    [t("customers:print.tax", { rate: formatBps(data.taxRateBps, lang) }), money(data.totals.tax), false],
    [t("customers:print.gross"), money(data.totals.gross), true],
  ];

  return (
    <Stack gap="md">
      <Group className="offer-print-controls" justify="space-between">
        <Anchor component={Link} to={`/customers/offers/${data.id}`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden /> {ui("customers:print.back")}
          </Group>
        </Anchor>
        <Group gap="xs">
          <Button
            component="a"
            href={`/api/offers/${data.id}/pdf`}
            download
            variant="light"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {ui("customers:offer.pdf")}
          </Button>
          <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
            {ui("customers:print.print")}
          </Button>
        </Group>
      </Group>
      <article className="offer-document" lang={lang} aria-labelledby="offer-document-title">
        {head && (head.companyName || head.address) && (
          <header className="offer-letterhead">
            <Text fw={700} size="lg">
              {head.companyName}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {head.address}
            </Text>
            <Text size="sm">{[head.email, head.phone].filter(Boolean).join(" · ")}</Text>
          </header>
        )}
        <div className="offer-head">
          <div className="offer-address">
            {senderLine && <p className="offer-sender-line">{senderLine}</p>}
            <address aria-label={t("customers:print.to")}>
              {address.map((line) => (
                <span key={line}>
                  {line}
                  <br />
                </span>
              ))}
            </address>
          </div>
          <dl className="offer-info">
            {info.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <h1 id="offer-document-title" className="offer-subject">
          {t("customers:print.title", { number: data.number })}: {data.dealTitle}
        </h1>
        <TableScroll label={t("customers:print.linesCaption")} minWidth={520}>
          <table>
            <caption className="visually-hidden">{t("customers:print.linesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("customers:print.position")}</th>
                <th scope="col">{t("customers:offer.description")}</th>
                <th scope="col" className="number">
                  {t("customers:offer.quantity")}
                </th>
                <th scope="col" className="number">
                  {t("customers:print.unitPrice")}
                </th>
                <th scope="col" className="number">
                  {t("customers:print.discount")}
                </th>
                <th scope="col" className="number">
                  {t("customers:offer.lineTotal")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr key={line.position}>
                  <td>{line.position}</td>
                  <td className="offer-description">{line.description}</td>
                  <td className="number">{formatQuantity(line.quantity, lang)}</td>
                  <td className="number">{money(line.unitPrice)}</td>
                  <td className="number">{line.discountBps ? formatBps(line.discountBps, lang) : "–"}</td>
                  <td className="number">{money(line.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <table className="offer-totals" aria-label={t("customers:offer.totals")}>
          <tbody>
            {totals.map(([label, value, strong]) => (
              <tr key={label} className={strong ? "offer-gross" : undefined}>
                <th scope="row">{label}</th>
                <td className="number">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Stack gap={4} mt="lg">
          <Text size="sm">{t("customers:print.validity", { date: formatDay(data.validUntil, lang) })}</Text>
          <Text size="sm">{t("customers:print.paymentTerms", { count: data.paymentTermsDays })}</Text>
          {data.terms && (
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {data.terms}
            </Text>
          )}
        </Stack>
        {head && (head.footer || head.vatId || head.bankDetails) && (
          <footer style={{ marginTop: "2rem", borderTop: "1px solid #ced4da", paddingTop: "0.5rem" }}>
            {head.footer && (
              <Text size="xs" style={{ whiteSpace: "pre-line" }}>
                {head.footer}
              </Text>
            )}
            <Text size="xs">
              {[head.vatId && t("customers:print.vatId", { id: head.vatId }), head.bankDetails]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </footer>
        )}
      </article>
    </Stack>
  );
}
