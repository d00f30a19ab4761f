"""The machine-translation adapter. None is installed by default (no model can be fetched offline); a site
that has one names a class in `settings.ONDOL_MACHINE_TRANSLATOR` with a `name` and a `translate` method."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class MachineTranslator(Protocol):
    name: str

    def translate(self, text: str, *, source: str, target: str) -> str: ...


def machine_translator() -> MachineTranslator | None:
    path = getattr(settings, "ONDOL_MACHINE_TRANSLATOR", "") or ""
    if not path:
        return None
    translator: MachineTranslator = import_string(path)()
    return translator
