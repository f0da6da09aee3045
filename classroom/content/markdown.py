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


def render_markdown(text: str) -> str:
    """Return `text` (Markdown) as HTML that is safe to show to students and on the projector."""
    return _renderer().render(text or "")
