"""An event's texts in the reader's language, falling back to the source language."""

from __future__ import annotations

from events.models import Event, EventTranslation


def text_for(event: Event, language: str) -> tuple[EventTranslation | None, bool]:
    """The translation to show in ``language`` and whether it is a fallback.

    Uses prefetched ``translations`` when present (no query per event in lists).
    """
    rows = {row.language: row for row in event.translations.all()}
    chosen = rows.get(language)
    if chosen is not None and chosen.title:
        return chosen, False
    fallback = rows.get(event.source_language) or next(iter(rows.values()), None)
    return fallback, fallback is not None


def title_for(event: Event, language: str) -> str:
    row, _fallback = text_for(event, language)
    return row.title if row is not None else event.slug
