"""Template helpers of the complaints pages: {% load complaints_tags %}."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def category_name(category: Any, language: str) -> str:
    return str(category.name_in(language))
