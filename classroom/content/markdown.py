"""Render slide Markdown to safe HTML: no raw HTML, no images, links to http(s) only."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    # html=False shows tags as text; images are off because pages load nothing from elsewhere.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    md.validateLink = _safe_link

    def link_open(renderer, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        tokens[idx].attrSet("rel", "noopener noreferrer")
        tokens[idx].attrSet("target", "_blank")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


@lru_cache(maxsize=1)
def _detector() -> MarkdownIt:
    # Parses what an author might expect to work, so the validator can say that it will not.
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    return md


def markup_warnings(text: str) -> list[str]:
    """Say what in `text` will not show as written: raw HTML, images, links that are not web."""
    warnings = []
    for token in _detector().parse(text or ""):
        if token.type == "html_block":
            warnings.append(f"raw HTML {token.content.strip()[:30]!r} is shown as plain text: "
                            "use Markdown")
        for child in token.children or []:
            href = str(child.attrs.get("href", "") or child.attrs.get("src", ""))
            if child.type == "html_inline":
                warnings.append(f"raw HTML {child.content!r} is shown as plain text: use Markdown")
            elif child.type == "image":
                warnings.append(f"the image {href!r} is not shown: slides show no images")
            elif child.type == "link_open" and not _safe_link(href):
                warnings.append(f"the link {href!r} is shown as plain text: only http:// and "
                                "https:// links work")
    return warnings


def render_markdown(text: str) -> str:
    """Return `text` (Markdown) as HTML that is safe to show to students and on the projector."""
    return _renderer().render(text or "")
