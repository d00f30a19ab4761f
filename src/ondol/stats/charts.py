"""Charts as inline SVG drawn on the server: no script, no external service, readable when printed.

Every chart carries a <title> and the page shows the same figures in a table beside it, so screen
readers and people who copy numbers lose nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ondol.core.formatting import format_number

_FONT = 'font-family="Noto Sans, Noto Sans CJK KR, sans-serif"'
_COLOURS = ("#0b5c8a", "#a4361b", "#1f6f3a", "#8a5a00")


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 — every text inserted below went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart" {_FONT} font-size="12">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _figure(value: int | None) -> str:
    return _("fewer than 5") if value is None else format_number(value)


def bar_chart(rows: Sequence[tuple[str, int | None]], *, title: str, label_width: int = 190) -> SafeString:
    """Horizontal bars, largest value = full width; suppressed values are drawn as a hatched stub."""
    bar_height, gap, width = 18, 6, 640
    largest = max((value or 0 for _label, value in rows), default=0) or 1
    usable = width - label_width - 90
    body = []
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + gap) + 4
        length = max(2, round(usable * (value or 0) / largest))
        short = label if len(label) <= 28 else label[:27] + "…"
        body.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{escape(short)}</text>')
        fill = _COLOURS[0] if value is not None else "#9aa3ad"
        body.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{fill}">'
                    f"<title>{escape(label)}: {escape(_figure(value))}</title></rect>")
        body.append(f'<text x="{label_width + length + 6}" y="{y + 13}">{escape(_figure(value))}</text>')
    height = max(len(rows), 1) * (bar_height + gap) + 8
    return _svg(width, height, title, body)


def line_chart(points: Sequence[tuple[str, int | None]], *, title: str) -> SafeString:
    """A monthly series; months whose figure is suppressed break the line rather than pretend zero."""
    width, height, left, bottom, top = 640, 220, 60, 30, 12
    values = [value for _period, value in points if value is not None]
    if not points or not values:
        return _svg(width, 40, title, [f'<text x="10" y="24">{escape(_("No data yet."))}</text>'])
    low, high = 0, max(values)
    step = (width - left - 20) / max(len(points) - 1, 1)

    def y_of(value: int) -> float:
        return top + (height - top - bottom) * (1 - (value - low) / ((high - low) or 1))

    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#8a8f98"/>',
            f'<text x="{left - 6}" y="{y_of(high) + 4:.1f}" text-anchor="end">{escape(format_number(high))}</text>',
            f'<text x="{left - 6}" y="{height - bottom + 4}" text-anchor="end">0</text>']
    segment: list[str] = []
    for index, (period, value) in enumerate(points):
        x = left + index * step
        if index % max(1, math.ceil(len(points) / 8)) == 0 or index == len(points) - 1:
            body.append(f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle">{escape(period)}</text>')
        if value is None:
            if len(segment) > 1:
                body.append(f'<polyline fill="none" stroke="{_COLOURS[0]}" stroke-width="2" '
                            f'points="{" ".join(segment)}"/>')
            segment = []
            continue
        segment.append(f"{x:.1f},{y_of(value):.1f}")
        body.append(f'<circle cx="{x:.1f}" cy="{y_of(value):.1f}" r="3" fill="{_COLOURS[0]}">'
                    f"<title>{escape(period)}: {escape(_figure(value))}</title></circle>")
    if len(segment) > 1:
        body.append(f'<polyline fill="none" stroke="{_COLOURS[0]}" stroke-width="2" points="{" ".join(segment)}"/>')
    return _svg(width, height, title, body)


def dot_map(points: Sequence[tuple[str, float, float, int]], *, title: str) -> SafeString:
    """Dong centroids (label, lon, lat, count) as dots whose area grows with the count.

    An equirectangular projection scaled by cos(latitude) is exact enough for one city and needs no
    map tiles or projection library.
    """
    width, height, pad = 560, 460, 36
    if not points:
        return _svg(width, 40, title, [f'<text x="10" y="24">{escape(_("No data yet."))}</text>'])
    lons = [point[1] for point in points]
    lats = [point[2] for point in points]
    mid_lat = math.radians((min(lats) + max(lats)) / 2)
    span_x = (max(lons) - min(lons)) * math.cos(mid_lat) or 0.01
    span_y = (max(lats) - min(lats)) or 0.01
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    largest = max(point[3] for point in points)
    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f3f6f8" rx="8"/>']
    for label, lon, lat, count in sorted(points, key=lambda point: -point[3]):
        x = pad + (lon - min(lons)) * math.cos(mid_lat) * scale
        y = height - pad - (lat - min(lats)) * scale
        radius = 3 + 22 * math.sqrt(count / largest)
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{_COLOURS[1]}" fill-opacity="0.55" '
                    f'stroke="#ffffff" stroke-width="1"><title>{escape(label)}: {escape(format_number(count))}'
                    f"</title></circle>")
    for label, lon, lat, _count in sorted(points, key=lambda point: -point[3])[:5]:
        x = pad + (lon - min(lons)) * math.cos(mid_lat) * scale
        y = height - pad - (lat - min(lats)) * scale
        body.append(f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-weight="700">{escape(label)}</text>')
    return _svg(width, height, title, body)


def flow_bars(flows: Sequence[dict[str, object]], *, title: str) -> SafeString:
    """One row per (from → to) pair: referrals made, and inside it those accepted and completed.

    Nested bars instead of a Sankey diagram: they stay legible with dozens of agencies and print well.
    """
    label_width, bar_height, gap, width = 300, 20, 8, 720
    largest = max((int(flow["made"] or 0) for flow in flows), default=0) or 1  # type: ignore[call-overload]
    usable = width - label_width - 140
    body = []
    legend = [(_COLOURS[0], _("made")), (_COLOURS[2], _("accepted")), (_COLOURS[3], _("completed"))]
    for index, (colour, name) in enumerate(legend):
        body.append(f'<rect x="{label_width + index * 110}" y="2" width="12" height="12" fill="{colour}"/>'
                    f'<text x="{label_width + index * 110 + 16}" y="13">{escape(name)}</text>')
    for index, flow in enumerate(flows):
        y = 24 + index * (bar_height + gap)
        label = f"{flow['from_name']} → {flow['to_name']}"
        short = label if len(label) <= 44 else label[:43] + "…"
        body.append(f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(short)}</text>')
        for colour, key, inset in ((_COLOURS[0], "made", 0), (_COLOURS[2], "accepted", 4), (_COLOURS[3], "completed", 8)):
            value = flow.get(key)
            if value is None:
                continue
            length = max(2, round(usable * int(value) / largest))  # type: ignore[call-overload]
            body.append(f'<rect x="{label_width}" y="{y + inset / 2}" width="{length}" height="{bar_height - inset}" '
                        f'fill="{colour}"><title>{escape(label)}: {escape(_figure(value))}</title></rect>')  # type: ignore[arg-type]
        summary = _("%(made)s made, %(overdue)s overdue") % {"made": _figure(flow.get("made")),  # type: ignore[arg-type]
                                                             "overdue": _figure(flow.get("overdue"))}  # type: ignore[arg-type]
        body.append(f'<text x="{width - 4}" y="{y + 14}" text-anchor="end">{escape(summary)}</text>')
    height = 24 + max(len(flows), 1) * (bar_height + gap)
    return _svg(width, height, title, body)
