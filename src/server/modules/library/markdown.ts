/**
 * Markdown to HTML for library texts, safe by construction: markdown-it with raw HTML off (any
 * `<script>` or `<img onerror>` in the source is shown as text), links and images only to http(s),
 * mailto or a relative path, and no renderer that writes a style attribute. Links open without
 * handing over the opener or the referrer.
 */
import MarkdownIt from "markdown-it";

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.validateLink = (url: string) => {
  // Entity tricks (`&#106;avascript:`) are decoded by markdown-it before this check; control
  // characters and spaces inside the scheme are removed as browsers do.
  const cleaned = [...url]
    .filter((c) => c.charCodeAt(0) > 0x20 && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f))
    .join("");
  return SAFE_URL.test(cleaned) || !/^[a-z][a-z0-9+.-]*:/i.test(cleaned);
};
// Tables would carry `style="text-align:…"`; the library does without column alignment.
md.disable(["table"]);

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
