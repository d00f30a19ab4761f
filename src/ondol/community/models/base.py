"""Helpers shared by the community tables."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models


def new_token() -> str:
    """An unguessable public id for links sent to residents (they have no account)."""
    return secrets.token_urlsafe(18)


class Row(models.Model):
    """A table whose rows are named by their type and id (they have no natural name)."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} #{self.pk}"


class InsertOnlyModel(Row):
    """Rows that are facts once written: corrections are new rows that reverse old ones."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError(f"{type(self).__name__} rows cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{type(self).__name__} rows cannot be deleted.")


class TranslatedTitleMixin(models.Model):
    """A Korean title and description, with optional translations keyed by site language code."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # {"vi": {"title": "...", "description": "..."}, ...}
    translations = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def localized(self, field: str, lang: str) -> str:
        translated = (self.translations or {}).get(lang, {}).get(field)
        return str(translated or getattr(self, field))
