"""Regions API (the address → dong look-up is added by the guide module)."""

from ninja import Router

router = Router(tags=["regions"])
