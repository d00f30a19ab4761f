"""What the public may know about a complaint: never a name, contact, description or exact location.

The status page and the Open311 responses are built only from here, so a personal field cannot slip into
them by being added to a template or a serializer.
"""

from __future__ import annotations

from typing import Any

from ondol.complaints.models import Complaint, PublicStatus


def public_location(complaint: Complaint) -> dict[str, Any]:
    """The dong and coordinates rounded to about a hundred metres: enough to find the street light, not the flat."""
    return {
        "area": complaint.dong.full_name if complaint.dong_id else "",  # type: ignore[union-attr]
        "lat": round(complaint.lat, 3) if complaint.lat is not None else None,
        "lon": round(complaint.lon, 3) if complaint.lon is not None else None,
    }


def public_view(complaint: Complaint, *, language: str) -> dict[str, Any]:
    return {
        "tracking_number": complaint.tracking_number,
        "category": complaint.category.name_in(language),
        "status": complaint.public_status,
        "status_label": PublicStatus(complaint.public_status).label,
        "submitted_at": complaint.submitted_at,
        "updated_at": complaint.updated_at,
        "due_at": complaint.due_at,
        "closed_at": complaint.closed_at,
        "replies": [
            {"body": reply.body, "language": reply.language, "at": reply.created_at}
            for reply in complaint.replies.all()
        ],
        "area": public_location(complaint)["area"],
    }
