"""The audit log is written by services and cannot be changed or deleted through the app."""

from __future__ import annotations

import pytest
from django.test import Client

from ondol.core import audit
from ondol.core.models import AuditEntry


def test_recording_a_view_stores_who_what_and_which_record(counsellor, agency) -> None:
    entry = audit.record_view(counsellor, agency, detail="profile")
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor, stored.action, stored.target_type, stored.target_id) == (
        counsellor, "view", "core.agency", str(agency.pk)
    )


def test_an_audit_entry_cannot_be_edited(counsellor, agency) -> None:
    entry = audit.record_change(counsellor, agency, action="update")
    entry.detail = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_an_audit_entry_cannot_be_deleted_one_by_one_or_in_bulk(counsellor, agency) -> None:
    entry = audit.record_change(counsellor, agency, action="update")
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(detail="x")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_shows_the_audit_log_without_edit_or_delete(db, make_user, agency) -> None:
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser("root", "root@example.kr", "a long admin password")
    audit.record_view(admin_user, agency)
    client = Client()
    client.force_login(admin_user)
    listing = client.get("/admin/core/auditentry/")
    assert listing.status_code == 200
    entry = AuditEntry.objects.first()
    assert client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_admins_can_search_the_audit_log_and_the_search_is_audited(db, make_user, agency) -> None:
    admin_user = make_user(role="admin")
    audit.record_view(admin_user, agency)
    client = Client()
    client.force_login(admin_user)
    response = client.get("/en/staff/core/audit/", {"action": "view"})
    assert response.status_code == 200
    assert "core.agency" in response.content.decode()
    assert AuditEntry.objects.filter(action="search", actor=admin_user).exists()


def test_a_counsellor_cannot_read_the_audit_log(counsellor) -> None:
    client = Client()
    client.force_login(counsellor)
    assert client.get("/en/staff/core/audit/").status_code == 403
