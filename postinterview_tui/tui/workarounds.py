"""Workarounds for Textual bugs, each naming its upstream issue (drop it once fixed there)."""

from __future__ import annotations

from textual._styles_cache import StylesCache


def forget_closed_widgets() -> None:
    """Let Textual free the drawn lines of widgets that are gone.

    Textual 8 caches ``StylesCache.get_inner_outer`` with ``functools.lru_cache`` on the
    method, so the cache's keys keep every widget's line cache alive after the widget is gone,
    up to 1,024 of them (Textualize/textual#6665). Measured here: 0.19 MiB more for every
    review and detail screen opened and closed, with no plateau in sight after 60. What the
    cache saves is two colour additions, so it is simply emptied when a screen closes.
    """
    StylesCache.get_inner_outer.cache_clear()
