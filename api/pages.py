"""Shared by the API's lists: paging (parameters, body, out-of-range answer) and the
language asked for."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.paginator import Page, Paginator
from ninja import Field, Schema
from ninja.errors import HttpError

MAX_LIMIT = 100


class PageFilters(Schema):
    """``page`` and ``limit``, inherited by every list's filters."""

    page: int = Field(1, ge=1)
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


def checked_language(code: str) -> str:
    """A site language asked for by ``lang``, or a 422."""
    if code not in dict(settings.LANGUAGES):
        raise HttpError(422, f"unknown language {code!r}")
    return code


def paged(rows, filters: PageFilters, summary: Callable) -> dict:
    """The body of the page ``filters`` ask for, each row given by ``summary(row)``."""
    return page_body(Paginator(rows, filters.limit).get_page(filters.page), filters.page, summary)


def page_body(page: Page, requested: int, summary: Callable) -> dict:
    """The list's body: count, page, pages and each row's summary; a 404 for a page past
    the last (an empty list still has its one empty page)."""
    if requested > page.paginator.num_pages and page.paginator.count:
        raise HttpError(404, "page out of range")
    rows: Iterable = page.object_list
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [summary(row) for row in rows],
    }
