import { Alert, Anchor, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { IconArrowLeft, IconPrinter } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import i18n from "../../i18n/i18n.ts";
import { formatBps, formatDay, formatMinor, formatQuantity } from "./money.ts";
import { useLetterhead, useOffer } from "./queries.ts";

/**
 * The offer as the customer reads it: in the offer's own language, letterhead on top, A4 print CSS
 * (customers.css hides the app around it).
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

  return (
    <Stack gap="md">
      <Group className="offer-print-controls" justify="space-between">
        <Anchor component={Link} to={`/customers/offers/${data.id}`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden /> {ui("customers:print.back")}
          </Group>
        </Anchor>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {ui("customers:print.print")}
        </Button>
      </Group>
      <article className="offer-document" lang={lang} aria-labelledby="offer-document-title">
        {head && (head.companyName || head.address) && (
          <header>
            <Text fw={700} size="lg">
              {head.companyName}
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {head.address}
            </Text>
            <Text size="sm">{[head.email, head.phone].filter(Boolean).join(" · ")}</Text>
          </header>
        )}
        <Group justify="space-between" align="flex-start" mt="lg">
          <div>
            <Text size="sm">{t("customers:print.to")}</Text>
            <Text fw={600}>{data.accountName}</Text>
          </div>
          <div>
            <Text size="sm">
              {t("customers:print.date", {
                date: formatDay((data.sentAt ?? data.updatedAt).slice(0, 10), lang),
              })}
            </Text>
            <Text size="sm">
              {t("customers:print.validUntil", { date: formatDay(data.validUntil, lang) })}
            </Text>
          </div>
        </Group>
        <h1 id="offer-document-title" style={{ fontSize: "1.6rem", margin: "1.5rem 0 0.25rem" }}>
          {t("customers:print.title", { number: data.number })}
        </h1>
        <Text mb="md">{data.dealTitle}</Text>
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
                <td>{line.description}</td>
                <td className="number">{formatQuantity(line.quantity, lang)}</td>
                <td className="number">{money(line.unitPrice)}</td>
                <td className="number">{line.discountBps ? formatBps(line.discountBps, lang) : "—"}</td>
                <td className="number">{money(line.total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5} className="number">
                {t("customers:offer.net")}
              </th>
              <td className="number">{money(data.totals.net)}</td>
            </tr>
            {data.totals.discount > 0 && (
              <tr>
                <th scope="row" colSpan={5} className="number">
                  {t("customers:print.discountIncluded")}
                </th>
                <td className="number">{money(data.totals.discount)}</td>
              </tr>
            )}
            <tr>
              <th scope="row" colSpan={5} className="number">
                {t("customers:print.tax", { rate: formatBps(data.taxRateBps, lang) })}
              </th>
              <td className="number">{money(data.totals.tax)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={5} className="number">
                {t("customers:offer.gross")}
              </th>
              <td className="number">
                <strong>{money(data.totals.gross)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
        <Stack gap={4} mt="lg">
          <Text size="sm">{t("customers:print.paymentTerms", { count: data.paymentTermsDays })}</Text>
          <Text size="sm">{t("customers:print.validity", { date: formatDay(data.validUntil, lang) })}</Text>
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
