"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ondol.core.languages import COMPLETE_LANGUAGES, current_language, language_choices_local


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "ondol_languages": language_choices_local(),
        "ondol_language": current_language(),
        "ondol_complete_languages": COMPLETE_LANGUAGES,
        "ondol_phone_numbers": settings.ONDOL_PUBLIC_PHONE_NUMBERS,
        "ondol_production": settings.PRODUCTION,
    }
