from django.contrib import admin

from ondol.stats.models import CountBatch


@admin.register(CountBatch)
class CountBatchAdmin(admin.ModelAdmin):
    """Loads are history: visible to administrators, changed only by loading again."""

    list_display = ("loaded_at", "source", "period", "label", "rows_loaded", "residents", "loaded_by")
    list_filter = ("source", "period")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
