"""Files people take away: iCalendar events, PDFs (receipts, certificates), QR codes, the thermometer chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import segno
from django.utils import timezone
from django.utils.html import escape

from ondol.community.models import Session
from ondol.core import pdf


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """RFC 5545 lines are at most 75 octets; longer ones continue on lines starting with a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def sessions_ics(sessions: Iterable[Session], *, lang: str, host: str = "ondol") -> str:
    """An iCalendar file (RFC 5545) with one VEVENT per session."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Ondol//Community//KO", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    stamp = _ics_time(timezone.now())
    for session in sessions:
        program = session.program
        location = session.place or session.online_url
        lines += [
            "BEGIN:VEVENT",
            f"UID:community-session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(session.starts_at)}",
            f"DTEND:{_ics_time(session.ends_at)}",
            f"SUMMARY:{_ics_text(program.localized('title', lang))}",
            f"DESCRIPTION:{_ics_text(program.localized('description', lang))}",
            f"LOCATION:{_ics_text(location)}",
        ]
        if session.online_url:
            lines.append(f"URL:{session.online_url}")
        if session.is_cancelled:
            lines.append("STATUS:CANCELLED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def render_pdf(template_name: str, context: dict[str, Any], *, lang: str = "ko") -> bytes:
    """A PDF through the shared renderer, with the Noto font list for the document's language."""
    return pdf.render_pdf(template_name, {**context, "font_family": pdf.font_family(lang), "lang": lang})


def qr_svg_data_uri(url: str) -> str:
    """A QR code as a data: URI (allowed by the CSP's img-src), big enough to print on a poster."""
    return str(segno.make(url, error="m").svg_data_uri(scale=6, border=2))


def thermometer_svg(*, raised: int, target: int, label: str, width: int = 120, height: int = 320) -> str:
    """A donation thermometer drawn on the server: no script, presentation attributes only (strict CSP)."""
    ratio = 0.0 if target <= 0 else max(0.0, min(raised / target, 1.0))
    tube_top, tube_bottom, bulb_r = 16, height - 60, 28
    tube_x, tube_w = width // 2 - 14, 28
    fill_h = int((tube_bottom - tube_top) * ratio)
    cx, cy = width // 2, tube_bottom + bulb_r - 6
    ticks = "".join(
        f'<line x1="{tube_x + tube_w}" x2="{tube_x + tube_w + 10}" y1="{tube_bottom - (tube_bottom - tube_top) * q // 4}" '
        f'y2="{tube_bottom - (tube_bottom - tube_top) * q // 4}" stroke="#5b6470" stroke-width="2"/>' for q in range(5))

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
        f'<rect x="{tube_x}" y="{tube_top}" width="{tube_w}" height="{tube_bottom - tube_top + 10}" rx="14" '
        f'fill="#f1f3f6" stroke="#5b6470" stroke-width="2"/>'
        f'<rect x="{tube_x + 5}" y="{tube_bottom - fill_h}" width="{tube_w - 10}" height="{fill_h + 10}" rx="9" '
        f'fill="#c8372d" data-ratio="{ratio:.4f}"/>'
        f'<circle cx="{cx}" cy="{cy}" r="{bulb_r}" fill="#c8372d" stroke="#5b6470" stroke-width="2"/>'
        f"{ticks}</svg>"
    )
