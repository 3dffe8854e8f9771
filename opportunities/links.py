"""Absolute addresses for emails, which are built outside any request (tasks, commands)."""

from __future__ import annotations

from django.conf import settings


def absolute(path: str) -> str:
    # SITE_URL is the public address of the site ("https://maillage.example.org").
    return settings.SITE_URL.rstrip("/") + path
