from django.contrib import admin

from ondol.discovery.models import DiscoveryItem, DiscoveryRound


@admin.register(DiscoveryRound)
class DiscoveryRoundAdmin(admin.ModelAdmin):
    """Rounds are published by the batch command; here they can be closed or withdrawn."""

    list_display = ("name", "status", "engine", "created_at", "created_by")
    list_filter = ("status",)
    readonly_fields = ("name", "created_at", "created_by", "engine", "summary")


@admin.register(DiscoveryItem)
class DiscoveryItemAdmin(admin.ModelAdmin):
    list_display = ("round", "dong_code", "rank_in_dong", "household_id", "score", "head_nationality")
    list_filter = ("round", "head_nationality", "single_person")
    search_fields = ("household_id", "dong_code")
    readonly_fields = [f.name for f in DiscoveryItem._meta.fields]
