import { Anchor, Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import type { EntryKind, LibraryLink, SnippetPart } from "../../../shared/library.ts";

/** The links between the library's areas, shown on each of its pages. */
export function LibraryNav() {
  const { t } = useTranslation("library");
  return (
    <Group gap="md" component="nav" aria-label={t("library:nav.label")}>
      <Anchor component={RouterLink} to="/library">
        {t("library:nav.home")}
      </Anchor>
      <Anchor component={RouterLink} to="/library/questions">
        {t("library:nav.questions")}
      </Anchor>
      <Anchor component={RouterLink} to="/library/experiments">
        {t("library:nav.experiments")}
      </Anchor>
      <Anchor component={RouterLink} to="/library/review">
        {t("library:nav.review")}
      </Anchor>
    </Group>
  );
}

export function KindBadge({ kind }: { kind: EntryKind | "question" }) {
  const { t } = useTranslation("library");
  return (
    <Badge variant="light" tt="none" color={kind === "question" ? "grape" : "teal"}>
      {t(`library:kind.${kind}`)}
    </Badge>
  );
}

/** Search text with the matched words marked; the parts are plain text, React escapes them. */
export function Highlighted({ parts }: { parts: SnippetPart[] }) {
  return (
    <span className="library-snippet">
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
        part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  );
}

const LINK_PATH: Record<LibraryLink["type"], (id: string) => string> = {
  account: (id) => `/customers/accounts/${id}`,
  deal: (id) => `/customers/deals/${id}`,
  session: (id) => `/exchange/sessions/${id}`,
  proposal: (id) => `/decisions/${id}`,
};

export function LinkList({ links }: { links: LibraryLink[] }) {
  const { t } = useTranslation("library");
  return (
    <Group gap="xs" component="ul" className="library-list">
      {links.map((link) => (
        <li key={`${link.type}:${link.id}`}>
          <Anchor component={RouterLink} to={LINK_PATH[link.type](link.id)} size="sm">
            {t(`library:link.${link.type}`)}: {link.label}
          </Anchor>
        </li>
      ))}
    </Group>
  );
}

/**
 * HTML the server rendered from Markdown with raw HTML off and only http(s)/mailto/relative links
 * (src/server/modules/library/markdown.ts) — the one place the library inserts HTML.
 */
export function MarkdownBody({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered Markdown without raw HTML
  return <div className="library-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
