from django.contrib import admin

from ondol.centre import models


class RuleInline(admin.TabularInline):
    model = models.AvailabilityRule
    extra = 1


class ExceptionInline(admin.TabularInline):
    model = models.AvailabilityException
    extra = 1


@admin.register(models.Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("display_name", "agency", "kind", "source", "languages", "is_active")
    list_filter = ("kind", "source", "agency")
    inlines = [RuleInline, ExceptionInline]


@admin.register(models.Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "capacity", "is_active")


@admin.register(models.ClinicSession)
class ClinicSessionAdmin(admin.ModelAdmin):
    list_display = ("date", "starts", "ends", "agency", "capacity")
    filter_horizontal = ("doctors",)


admin.site.register(models.ClinicDoctor)
admin.site.register(models.ClinicStaff)


@admin.register(models.LibraryItem)
class LibraryItemAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "language", "kind", "barcode", "agency")
    search_fields = ("title", "author", "barcode")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from ondol.centre.services.library import save_item

        save_item(obj)
