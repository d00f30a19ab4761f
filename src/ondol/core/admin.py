from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ondol.core.models import Agency, AuditEntry, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "level", "sido_name", "sigungu_name", "name", "population")
    list_filter = ("level", "sido_name")
    search_fields = ("code", "name", "sigungu_name", "sido_name")
    readonly_fields = ("code", "level", "parent", "lon", "lat", "stat_code")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "name_en")
    filter_horizontal = ("regions",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Searchable and read-only: nobody changes or deletes the audit log through the app."""

    list_display = ("at", "actor_label", "action", "target_type", "target_id", "ip_address")
    list_filter = ("action", "target_type")
    search_fields = ("actor_label", "target_id", "detail")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
