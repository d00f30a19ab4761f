"""Back office for administrators. Identity numbers appear masked only; edits go through the staff pages,
which check versions and write the audit log."""

from __future__ import annotations

from django.contrib import admin

from ondol.cases.models import Case, Client, Consent, Message, Referral


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ("id", "display_name", "agency", "nationality", "birth_date", "merged_into")
    list_filter = ("agency",)
    search_fields = ("name_latin", "name_hangul", "name_native")
    readonly_fields = ("identity_masked", "version", "created_at", "updated_at", "last_activity_at")
    exclude = ("identity_encrypted", "identity_hash", "name_index")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "agency", "status", "risk_level", "updated_at")
    list_filter = ("status", "risk_level", "source")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ("id", "from_agency", "to_agency", "status", "respond_by")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("id", "client", "purpose", "basis", "given_at", "expires_at", "withdrawn_at")
    list_filter = ("purpose", "basis")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("id", "channel", "language", "produced_by", "status", "created_at")
    list_filter = ("channel", "produced_by", "status")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
