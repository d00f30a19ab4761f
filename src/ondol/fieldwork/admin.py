"""Read-mostly admin views; changes go through the services so that audit entries are written."""

from __future__ import annotations

from django.contrib import admin

from ondol.fieldwork.models import NeighbourReport, SurveyForm, WorkItem


@admin.register(WorkItem)
class WorkItemAdmin(admin.ModelAdmin):
    list_display = ("round", "dong", "household_id", "source", "status", "outcome", "assigned_to")
    list_filter = ("round", "source", "status", "outcome")
    search_fields = ("household_id",)
    readonly_fields = [field.name for field in WorkItem._meta.fields]


@admin.register(NeighbourReport)
class NeighbourReportAdmin(admin.ModelAdmin):
    list_display = ("tracking_number", "channel", "dong", "status", "created_at")
    list_filter = ("channel", "status")
    readonly_fields = [field.name for field in NeighbourReport._meta.fields]


@admin.register(SurveyForm)
class SurveyFormAdmin(admin.ModelAdmin):
    list_display = ("title", "form_id", "version", "is_active")
    readonly_fields = ("definition", "risk_rules")
