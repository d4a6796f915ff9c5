import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Rating,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { ServiceRequest } from "../../../shared/system.ts";
import { api } from "../../api.ts";
import { formatDate } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { useDays } from "./LeadTimeFigure.tsx";
import { useRequest, useSystemWrite } from "./queries.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { SystemNav } from "./SystemRoutes.tsx";

export function RequestPage() {
  const { t } = useTranslation("system");
  const { requestId = "" } = useParams();
  const request = useRequest(requestId);
  if (request.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (request.isError) return <Alert color="red">{request.error.message}</Alert>;
  return <RequestView request={request.data} />;
}

function RequestView({ request: r }: { request: ServiceRequest }) {
  const { t } = useTranslation("system");
  const days = useDays();
  const url = `/system/requests/${r.id}`;
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [declining, setDeclining] = useState(false);
  const accept = useSystemWrite(() => api.post<ServiceRequest>(`${url}/accept`, { version: r.version }), {
    success: t("system:request.accepted"),
  });
  const deliver = useSystemWrite(
    () => api.post<ServiceRequest>(`${url}/deliver`, { version: r.version, note }),
    {
      success: t("system:request.delivered"),
    },
  );
  const decline = useSystemWrite(
    () => api.post<ServiceRequest>(`${url}/decline`, { version: r.version, reason }),
    { success: t("system:request.declinedDone"), onDone: () => setDeclining(false) },
  );
  return (
    <Stack maw={860}>
      <Anchor component={Link} to={`/system/services/${r.service.id}`} size="sm">
        {t("system:request.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{r.title}</Title>
        <StatusBadge status={r.status} />
      </Group>
      <SystemNav />
      <Text>
        {t("system:request.from", {
          cell: r.requestingCell.name,
          service: `${r.service.name} (${r.servingCell.name})`,
        })}
      </Text>
      <Text size="sm">
        {t("system:request.requestedBy", { name: r.requestedBy?.name ?? "—", date: formatDate(r.createdAt) })}
      </Text>
      {r.body && <Text className="system-text">{r.body}</Text>}
      {r.leadDays !== null && <Text>{t("system:request.leadDays", { days: days(r.leadDays) })}</Text>}
      {r.deliveryNote && <Text className="system-text">{r.deliveryNote}</Text>}
      {r.status === "declined" && (
        <Text className="system-text">
          {t("system:request.declineReasonShown", { reason: r.declineReason })}
        </Text>
      )}
      {r.rating !== null && (
        <Card withBorder>
          <Text fw={600}>{t("system:request.ratingShown", { rating: r.rating })}</Text>
          {r.ratingComment && <Text className="system-text">{r.ratingComment}</Text>}
        </Card>
      )}
      {(r.abilities.accept || r.abilities.deliver || r.abilities.decline) && (
        <Card withBorder>
          <Stack>
            {r.abilities.deliver && (
              <Textarea
                label={t("system:request.deliveryNote")}
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
            )}
            {declining && (
              <Textarea
                label={t("system:request.declineReason")}
                required
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldErrors(decline.error).reason}
              />
            )}
            <Group>
              {r.abilities.accept && (
                <Button onClick={() => accept.mutate(undefined)} loading={accept.isPending}>
                  {t("system:request.accept")}
                </Button>
              )}
              {r.abilities.deliver && (
                <Button onClick={() => deliver.mutate(undefined)} loading={deliver.isPending}>
                  {t("system:request.deliver")}
                </Button>
              )}
              {r.abilities.decline && (
                <Button
                  variant="default"
                  onClick={() => (declining ? decline.mutate(undefined) : setDeclining(true))}
                  loading={decline.isPending}
                >
                  {t("system:request.decline")}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      {r.abilities.rate && <RatingForm request={r} />}
    </Stack>
  );
}

function RatingForm({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation("system");
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const rate = useSystemWrite(
    () =>
      api.post<ServiceRequest>(`/system/requests/${request.id}/rating`, {
        rating,
        comment,
        version: request.version,
      }),
    { success: t("system:request.rated") },
  );
  const errors = fieldErrors(rate.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rate.mutate(undefined);
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="rate-title">
      <Stack>
        <Title order={2} size="h3" id="rate-title">
          {t("system:request.rate")}
        </Title>
        <fieldset className="system-rating">
          <legend>{t("system:request.rating")}</legend>
          <Rating
            value={rating}
            onChange={setRating}
            size="lg"
            getSymbolLabel={(value) => t("system:figure.stars", { count: value })}
          />
          {errors.rating && (
            <Text c="red.8" size="sm">
              {errors.rating}
            </Text>
          )}
        </fieldset>
        <Textarea
          label={t("system:request.comment")}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={errors.comment}
        />
        <Group>
          <Button type="submit" loading={rate.isPending} disabled={rating === 0}>
            {t("system:request.rate")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
