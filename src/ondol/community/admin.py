"""Back-office set-up of programs, campaigns and competitions. Money records are read-only here:
they change only through the services, which keep the ledger and the receipt numbers right."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ondol.community import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SessionInline(admin.TabularInline):
    model = models.Session
    fields = ["starts_at", "ends_at", "mode", "place", "online_url", "capacity", "is_cancelled"]
    extra = 0


class MaterialInline(admin.TabularInline):
    model = models.Material
    extra = 0


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "agency", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title"]
    inlines = [SessionInline, MaterialInline]


class SubCampaignInline(admin.TabularInline):
    model = models.SubCampaign
    fields = ["agency", "target_amount", "bank_account"]
    extra = 0


@admin.register(models.Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "target_amount", "starts_on", "ends_on"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SubCampaignInline]


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 0


class JudgeInline(admin.TabularInline):
    model = models.Judge
    extra = 0


@admin.register(models.Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "voting_opens", "voting_closes", "results_published_at"]
    inlines = [CriterionInline, JudgeInline]


@admin.register(models.Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "competition", "status"]
    list_filter = ["competition"]
    readonly_fields = ["vote_count"]


for model in (models.Donation, models.Receipt, models.LedgerEntry, models.Allocation, models.Voter):
    admin.site.register(model, ReadOnlyAdmin)
