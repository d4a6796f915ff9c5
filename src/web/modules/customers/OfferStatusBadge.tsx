import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OfferStatus } from "../../../shared/customers/offers.ts";

const COLOURS: Record<OfferStatus, string> = {
  draft: "gray",
  sent: "blue",
  accepted: "green",
  declined: "red",
  expired: "orange",
};

export function OfferStatusBadge({ status }: { status: OfferStatus }) {
  const { t } = useTranslation("customers");
  return (
    <Badge variant="light" color={COLOURS[status]}>
      {t(`customers:offer.status.${status}`)}
    </Badge>
  );
}
