"""Referrals need consent; they share only the chosen sections; enforcement never sees residence or address."""

from __future__ import annotations

import pytest

from ondol.accounts.models import Role
from ondol.cases.access import access_case_by_id
from ondol.cases.disclosure import case_view, client_view
from ondol.cases.models import Case, ReferralStatus, Section
from ondol.cases.services import (
    do_accept_referral,
    do_complete_referral,
    do_decline_referral,
    do_record_consent,
    do_record_emergency_override,
    do_refer_case,
    do_revoke_referral,
    do_withdraw_consent,
)
from ondol.core.errors import Conflict, ConsentMissing, InvalidInput, NotFound, PermissionDenied
from ondol.core.models import AgencyKind, AuditEntry
from ondol.core.tests.factories import make_staff

ALL = [Section.IDENTITY, Section.CONTACT, Section.RESIDENCE, Section.ADDRESS, Section.PLAN]


def refer(actor, case, to_agency, sections=ALL, **extra):
    return do_refer_case(actor, case=case, to_agency=to_agency, sections=sections, note="Please help.", **extra)


def test_a_referral_without_consent_is_refused(make_case, home_counsellor, partner_agency) -> None:
    case = make_case()
    with pytest.raises(ConsentMissing):
        refer(home_counsellor, case, partner_agency)
    assert not case.referrals.exists()


def test_consent_for_another_agency_does_not_cover_this_one(make_case, home_counsellor, partner_agency,
                                                             consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client, recipient_kind=AgencyKind.HUMAN_RIGHTS_CENTRE)
    with pytest.raises(ConsentMissing):
        refer(home_counsellor, case, partner_agency)


def test_consent_for_a_type_of_agency_covers_every_agency_of_that_type(make_case, home_counsellor, partner_agency,
                                                                        consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client, recipient_kind=partner_agency.kind)
    assert refer(home_counsellor, case, partner_agency).status == ReferralStatus.PENDING


def test_a_withdrawn_or_expired_consent_no_longer_allows_a_referral(make_case, home_counsellor, partner_agency)-> None:
    case = make_case()
    consent = do_record_consent(home_counsellor, client=case.client, purpose="referral", language="vi")
    do_withdraw_consent(home_counsellor, consent=consent)
    with pytest.raises(ConsentMissing):
        refer(home_counsellor, case, partner_agency)


def test_withdrawing_consent_stops_the_sharing_it_allowed(make_case, home_counsellor, partner_agency,
                                                          partner_staff) -> None:
    case = make_case()
    consent = do_record_consent(home_counsellor, client=case.client, purpose="referral", language="vi",
                                recipient_agency=partner_agency)
    referral = refer(home_counsellor, case, partner_agency)
    do_withdraw_consent(home_counsellor, consent=consent)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REVOKED
    with pytest.raises(NotFound):
        access_case_by_id(partner_staff, case.pk)


def test_general_referral_consent_does_not_cover_an_enforcement_agency(make_case, home_counsellor,
                                                                        enforcement_agency, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    with pytest.raises(ConsentMissing):
        refer(home_counsellor, case, enforcement_agency)


def test_a_counsellor_cannot_record_an_emergency_override(make_case, home_counsellor, partner_agency) -> None:
    case = make_case()
    with pytest.raises(PermissionDenied):
        do_record_emergency_override(home_counsellor, client=case.client, purpose="referral",
                                     recipient_agency=partner_agency, reason="Danger to life.")


def test_a_centre_managers_emergency_override_needs_a_reason_allows_the_referral_and_is_audited(
        make_case, home_counsellor, home_manager, partner_agency) -> None:
    case = make_case()
    with pytest.raises(InvalidInput):
        do_record_emergency_override(home_manager, client=case.client, purpose="referral",
                                     recipient_agency=partner_agency, reason="  ")
    override = do_record_emergency_override(home_manager, client=case.client, purpose="referral",
                                            recipient_agency=partner_agency, reason="She fears for her life tonight.")
    referral = refer(home_counsellor, case, partner_agency)
    assert referral.consent == override
    assert AuditEntry.objects.filter(action="emergency_override", detail__contains="fears for her life").exists()


def test_the_receiving_agency_sees_only_the_sections_the_sender_chose(make_case, home_counsellor, partner_agency,
                                                                      partner_staff, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    refer(home_counsellor, case, partner_agency, sections=[Section.IDENTITY])
    seen = case_view(partner_staff, access_case_by_id(partner_staff, case.pk))
    assert seen["client"]["name_latin"] == case.client.name_latin
    assert "phone" not in seen["client"] and "plan" not in seen and "risk_level" not in seen


def test_residence_status_and_address_never_reach_an_enforcement_agency_even_when_chosen(
        make_case, home_counsellor, enforcement_agency, consent_to_refer) -> None:
    officer = make_staff(role=Role.PARTNER_STAFF, agency=enforcement_agency)
    case = make_case()
    consent_to_refer(case.client, recipient_agency=enforcement_agency)
    referral = refer(home_counsellor, case, enforcement_agency, sections=ALL)
    assert Section.RESIDENCE not in referral.sections and Section.ADDRESS not in referral.sections
    seen = client_view(officer, case.client)
    assert "residence_status" not in seen and "address" not in seen and "residence_expiry" not in seen


def test_an_enforcement_member_never_sees_residence_status_even_through_another_membership(
        make_case, home_agency, enforcement_agency) -> None:
    from ondol.accounts.models import Membership

    double = make_staff(role=Role.COUNSELLOR, agency=home_agency)
    Membership.objects.create(user=double, agency=enforcement_agency, role=Role.PARTNER_STAFF)
    case = make_case()
    seen = client_view(double, case.client)
    assert "residence_status" not in seen and "address" not in seen


def test_a_referral_goes_from_pending_to_accepted_to_completed_with_its_outcome(
        make_case, home_counsellor, partner_agency, partner_staff, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    referral = refer(home_counsellor, case, partner_agency)
    referral = do_accept_referral(partner_staff, referral=referral)
    with pytest.raises(InvalidInput):
        do_complete_referral(partner_staff, referral=referral, outcome="not_delivered")
    referral = do_complete_referral(partner_staff, referral=referral, outcome="delivered", note="Lease checked.")
    assert (referral.status, referral.outcome) == (ReferralStatus.COMPLETED, "delivered")
    with pytest.raises(Conflict):
        do_decline_referral(partner_staff, referral=referral, reason="Too late")


def test_only_the_receiving_agency_can_answer_and_only_the_sender_can_revoke(
        make_case, home_counsellor, partner_agency, partner_staff, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    referral = refer(home_counsellor, case, partner_agency)
    with pytest.raises(NotFound):
        do_accept_referral(home_counsellor, referral=referral)
    with pytest.raises(NotFound):
        do_revoke_referral(partner_staff, referral=referral, reason="No.")
    assert do_revoke_referral(home_counsellor, referral=referral, reason="Moved away.").status == "revoked"


def test_a_declined_referral_needs_a_reason_and_ends_the_sharing(
        make_case, home_counsellor, partner_agency, partner_staff, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    referral = refer(home_counsellor, case, partner_agency)
    with pytest.raises(InvalidInput):
        do_decline_referral(partner_staff, referral=referral, reason="")
    do_decline_referral(partner_staff, referral=referral, reason="We have no Vietnamese speaker this month.")
    with pytest.raises(NotFound):
        access_case_by_id(partner_staff, case.pk)


def test_an_accepted_transfer_makes_the_receiving_agency_responsible(
        make_case, home_counsellor, partner_agency, partner_staff, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    referral = refer(home_counsellor, case, partner_agency, transfer=True)
    do_accept_referral(partner_staff, referral=referral)
    case = Case.objects.get(pk=case.pk)
    assert (case.agency, case.counsellor) == (partner_agency, partner_staff)
    with pytest.raises(Conflict):
        do_revoke_referral(home_counsellor, referral=referral, reason="Changed my mind.")


def test_a_case_cannot_be_referred_twice_to_the_same_agency_while_the_first_is_open(
        make_case, home_counsellor, partner_agency, consent_to_refer) -> None:
    case = make_case()
    consent_to_refer(case.client)
    refer(home_counsellor, case, partner_agency)
    with pytest.raises(Conflict):
        refer(home_counsellor, case, partner_agency)


def test_a_referral_past_its_answer_date_is_flagged_in_both_agencies_lists(make_case, home_counsellor,
                                                                           partner_staff, partner_agency,
                                                                           consent_to_refer) -> None:
    import datetime as dt

    from ondol.cases.queries import overdue_for, referrals_for
    from ondol.cases.services import is_overdue

    case = make_case()
    consent_to_refer(case.client)
    referral = refer(home_counsellor, case, partner_agency)
    later = referral.respond_by + dt.timedelta(days=1)
    assert is_overdue(referral, today=later)
    assert overdue_for(partner_staff, today=later).referrals_to_us == [referral]
    assert overdue_for(home_counsellor, today=later).referrals_by_us == [referral]
    assert list(referrals_for(home_counsellor, direction="by_us")) == [referral]
    assert list(referrals_for(partner_staff, direction="to_us")) == [referral]
