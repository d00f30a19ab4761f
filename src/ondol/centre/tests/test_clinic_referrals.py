"""Clinic referrals go through the cases module: patient found or registered, consent, case, referral."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ondol.cases.models import Case, Client, Consent, Purpose, Referral, ReferralStatus
from ondol.cases.services import PossibleDuplicates
from ondol.cases.tests.factories import ClientFactory, ConsentFactory
from ondol.centre.models import ClinicReferral, ClinicSession, ClinicStaff
from ondol.centre.services.clinic import do_book_clinic_visit
from ondol.centre.services.clinic_referrals import Patient, do_refer_clinic_visit
from ondol.core.errors import ConsentMissing, InvalidInput, NotFound, PermissionDenied
from ondol.core.models import AgencyKind, AuditEntry
from ondol.core.tests.factories import AgencyFactory


@pytest.fixture
def evening(centre):
    return ClinicSession.objects.create(agency=centre, date=dt.date(2030, 3, 6), starts=dt.time(19),
                                        ends=dt.time(21), capacity=5)


@pytest.fixture
def health_centre(db):
    return AgencyFactory(name="대전광역시 동구보건소", name_en="Dong-gu Public Health Center",
                         kind=AgencyKind.PUBLIC_HEALTH_CENTRE)


@pytest.fixture
def nurse(centre, make_user):
    user = make_user(role="counsellor", agency=centre)
    ClinicStaff.objects.create(agency=centre, user=user)
    return user


@pytest.fixture
def visit(evening):
    return do_book_clinic_visit(None, session=evening, name="Bishnu Thapa", phone="010-2222-3333", language="ne")


def test_a_referral_to_the_public_health_centre_registers_the_patient_and_refers_a_case(
        centre, visit, nurse, health_centre):
    referral = do_refer_clinic_visit(nurse, visit=visit, target="public-health-center", to_agency=health_centre,
                                     note="Tuberculosis screening, please.", consent_to_consultation=True,
                                     consent_to_referral=True)
    client = Client.objects.get()
    assert (client.agency, client.name_latin, client.phone, client.preferred_language) == (
        centre, "BISHNU THAPA", "010-2222-3333", "ne")
    assert set(Consent.objects.values_list("purpose", "recipient_agency")) == {
        (Purpose.CONSULTATION, None), (Purpose.REFERRAL, health_centre.pk)}
    case = Case.objects.get()
    assert (referral.case, case.agency, case.source_reference) == (case, centre, f"centre-clinic-visit-{visit.pk}")
    assert case.consultations.get().topic == "public-health-center"
    sent = Referral.objects.get()
    assert (referral.case_referral, sent.to_agency, sent.status) == (sent, health_centre, ReferralStatus.PENDING)
    assert sorted(sent.sections) == ["consultations", "contact", "identity"]
    assert AuditEntry.objects.filter(target_type="centre.clinicreferral", action="referred").count() == 1


def test_support_for_the_uninsured_opens_a_case_at_the_centre_with_that_topic(centre, visit, nurse):
    referral = do_refer_clinic_visit(nurse, visit=visit, target="uninsured-medical-support",
                                     consent_to_consultation=True)
    assert referral.case.consultations.get().topic == "uninsured-medical-support"
    assert referral.case_referral is None and not Referral.objects.exists()
    assert not Consent.objects.filter(purpose=Purpose.REFERRAL).exists()


def test_without_consent_the_referral_is_refused_and_nothing_is_registered(visit, nurse, health_centre):
    with pytest.raises(ConsentMissing) as refused:
        do_refer_clinic_visit(nurse, visit=visit, target="public-health-center", to_agency=health_centre,
                              note="Screening", consent_to_consultation=True)
    assert set(refused.value.fields) == {"consent_to_referral"}
    assert health_centre.name in str(refused.value.message)
    assert not Client.objects.exists() and not ClinicReferral.objects.exists()


def test_a_patient_already_registered_is_offered_then_chosen_and_existing_consent_is_reused(
        centre, visit, nurse, health_centre):
    known = ClientFactory(agency=centre, name_latin="BISHNU THAPA", nationality="NP", preferred_language="ne")
    ConsentFactory(client=known, purpose=Purpose.CONSULTATION)
    with pytest.raises(PossibleDuplicates) as duplicates:
        do_refer_clinic_visit(nurse, visit=visit, target="uninsured-medical-support", consent_to_consultation=True)
    assert [candidate.client for candidate in duplicates.value.candidates] == [known]
    referral = do_refer_clinic_visit(nurse, visit=visit, target="uninsured-medical-support", client=known)
    assert referral.case.client == known
    assert Client.objects.count() == 1 and Consent.objects.count() == 1


def test_confirming_that_no_candidate_is_the_patient_registers_a_new_record(centre, visit, nurse):
    ClientFactory(agency=centre, name_latin="BISHNU THAPA", birth_date=None)
    referral = do_refer_clinic_visit(nurse, visit=visit, target="uninsured-medical-support",
                                     patient=Patient(name_latin="Bishnu Thapa", birth_date=dt.date(1990, 1, 2)),
                                     duplicates_checked=True, consent_to_consultation=True)
    assert referral.case.client.birth_date == dt.date(1990, 1, 2)
    assert Client.objects.count() == 2


def test_the_public_health_centre_must_be_a_known_one_and_the_request_written(visit, nurse, centre):
    with pytest.raises(InvalidInput) as refused:
        do_refer_clinic_visit(nurse, visit=visit, target="public-health-center", to_agency=centre,
                              consent_to_consultation=True, consent_to_referral=True)
    assert set(refused.value.fields) == {"to_agency", "note"}


def test_the_same_referral_twice_from_one_visit_is_a_conflict(visit, nurse):
    do_refer_clinic_visit(nurse, visit=visit, target="uninsured-medical-support", consent_to_consultation=True)
    with pytest.raises(Exception) as second:
        do_refer_clinic_visit(nurse, visit=visit, target="uninsured-medical-support", consent_to_consultation=True)
    assert getattr(second.value, "code", "") == "already_referred"


def test_clinic_staff_without_a_casework_role_cannot_refer_and_other_staff_do_not_see_the_visit(
        centre, visit, make_user):
    planner = make_user(role="district_planner", agency=centre)
    ClinicStaff.objects.create(agency=centre, user=planner)
    with pytest.raises(PermissionDenied):
        do_refer_clinic_visit(planner, visit=visit, target="uninsured-medical-support", consent_to_consultation=True)
    with pytest.raises(NotFound):
        do_refer_clinic_visit(make_user(role="counsellor", agency=centre), visit=visit,
                              target="uninsured-medical-support", consent_to_consultation=True)


def test_the_staff_page_refers_a_patient_and_the_clinic_list_links_the_case(client, visit, nurse, health_centre):
    client.force_login(nurse)
    url = reverse("centre_staff:clinic-refer", args=[visit.pk])
    page = client.get(url)
    assert page.status_code == 200 and health_centre.name in page.content.decode()
    response = client.post(url, {"target": "public-health-center", "to_agency": health_centre.pk,
                                 "note": "Screening", "name_latin": "Bishnu Thapa", "nationality": "NP",
                                 "consent_to_consultation": "yes", "consent_to_referral": "yes"})
    assert response.status_code == 302
    case = ClinicReferral.objects.get().case
    assert reverse("cases_staff:case", args=[case.pk]) in client.get(reverse("centre_staff:clinic")).content.decode()


def test_the_staff_page_keeps_the_form_and_shows_the_consent_error(client, visit, nurse, health_centre):
    client.force_login(nurse)
    response = client.post(reverse("centre_staff:clinic-refer", args=[visit.pk]), {
        "target": "public-health-center", "to_agency": health_centre.pk, "note": "Screening",
        "name_latin": "Bishnu Thapa"})
    assert response.status_code == 409
    assert 'value="Screening"' not in response.content.decode()  # the note is a textarea
    assert "Screening</textarea>" in response.content.decode()
    assert response.content.decode().count('class="field-error"') == 2
    assert not Client.objects.exists()


def test_the_staff_page_lists_possible_duplicates_to_choose_from(client, centre, visit, nurse):
    known = ClientFactory(agency=centre, name_latin="BISHNU THAPA")
    client.force_login(nurse)
    response = client.post(reverse("centre_staff:clinic-refer", args=[visit.pk]), {
        "target": "uninsured-medical-support", "name_latin": "Bishnu Thapa", "consent_to_consultation": "yes"})
    assert response.status_code == 409
    assert f'name="client" value="{known.pk}"' in response.content.decode()


def test_other_staff_of_the_centre_get_a_404_for_the_referral_page(client, centre, visit, make_user):
    client.force_login(make_user(role="counsellor", agency=centre))
    assert client.get(reverse("centre_staff:clinic-refer", args=[visit.pk])).status_code == 404


def test_the_api_refers_a_patient_with_the_same_service_and_error_shape(client, visit, nurse, health_centre):
    client.force_login(nurse)
    url = f"/api/v1/centre/clinic/visits/{visit.pk}/referrals"
    body = {"target": "public-health-center", "to_agency_id": health_centre.pk, "note": "Screening"}
    refused = client.post(url, {**body, "consent_to_consultation": True}, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "consent_missing"
    created = client.post(url, {**body, "consent_to_consultation": True, "consent_to_referral": True},
                          content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert data["case_id"] == Case.objects.get().pk and data["referral_id"] == Referral.objects.get().pk
    assert data["client_id"] == Client.objects.get().pk


def test_the_api_answers_404_for_a_visit_outside_the_clinic(client, centre, visit, make_user):
    client.force_login(make_user(role="counsellor", agency=centre))
    response = client.post(f"/api/v1/centre/clinic/visits/{visit.pk}/referrals",
                           {"target": "uninsured-medical-support"}, content_type="application/json")
    assert response.status_code == 404
