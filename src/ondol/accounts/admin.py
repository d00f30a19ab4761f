from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from ondol.accounts.models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*DjangoUserAdmin.fieldsets, (None, {"fields": ("preferred_language",)}))  # type: ignore[misc]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "preferred_language")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at", "revoked")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    list_filter = ("revoked",)
