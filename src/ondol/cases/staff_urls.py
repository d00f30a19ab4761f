from django.urls import path

from ondol.cases.views import cases, clients, home, referrals

app_name = "cases_staff"
urlpatterns = [
    path("", home.home, name="home"),
    path("aggregates/", home.aggregates, name="aggregates"),
    path("clients/", clients.client_list, name="clients"),
    path("clients/new/", clients.client_new, name="client-new"),
    path("clients/duplicates/", clients.duplicate_candidates, name="client-duplicates"),
    path("clients/<int:client_id>/", clients.client_profile, name="client"),
    path("clients/<int:client_id>/edit/", clients.client_edit, name="client-edit"),
    path("clients/<int:client_id>/consents/", clients.consent_add, name="consent-add"),
    path("clients/<int:client_id>/consents/<int:consent_id>/withdraw/", clients.consent_withdraw,
         name="consent-withdraw"),
    path("clients/<int:client_id>/override/", clients.emergency_override, name="emergency-override"),
    path("clients/<int:client_id>/household/", clients.household_add, name="household-add"),
    path("clients/<int:client_id>/merge/", clients.merge, name="merge"),
    path("clients/<int:client_id>/reveal/", clients.reveal, name="reveal"),
    path("clients/<int:client_id>/consultations/new/", clients.consultation_new, name="consultation-new"),
    path("clients/<int:client_id>/cases/new/", clients.case_new, name="case-new"),
    path("clients/<int:client_id>/export.json", clients.export_json, name="export-json"),
    path("clients/<int:client_id>/export.pdf", clients.export_pdf, name="export-pdf"),
    path("<int:case_id>/", cases.case_detail, name="case"),
    path("<int:case_id>/edit/", cases.case_edit, name="case-edit"),
    path("<int:case_id>/move/", cases.case_move, name="case-move"),
    path("<int:case_id>/plan/", cases.plan_add, name="plan-add"),
    path("<int:case_id>/tasks/", cases.task_add, name="task-add"),
    path("<int:case_id>/tasks/<int:task_id>/done/", cases.task_done, name="task-done"),
    path("<int:case_id>/refer/", cases.case_refer, name="case-refer"),
    path("referrals/", referrals.inbox, name="referrals"),
    path("referrals/<int:referral_id>/", referrals.detail, name="referral"),
    path("referrals/<int:referral_id>/accept/", referrals.accept, name="referral-accept"),
    path("referrals/<int:referral_id>/decline/", referrals.decline, name="referral-decline"),
    path("referrals/<int:referral_id>/complete/", referrals.complete, name="referral-complete"),
    path("referrals/<int:referral_id>/revoke/", referrals.revoke, name="referral-revoke"),
]
