"""The only way staff fetch community records: by the agencies they work for."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from ondol.accounts.access import agency_ids_of, require_staff
from ondol.community.models import Campaign, Competition, Program, Registration, Session, SubCampaign
from ondol.core import audit
from ondol.core.errors import NotFound


def _sees_everything(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def agency_filter(user: Any, field: str = "agency") -> Q:
    """Records of the user's agencies (all records for superusers)."""
    require_staff(user)
    if _sees_everything(user):
        return Q()
    return Q(**{f"{field}__in": agency_ids_of(user)})


def programs_for(user: Any) -> Any:
    return Program.objects.filter(agency_filter(user)).select_related("agency")


def access_program(user: Any, program_id: int) -> Program:
    program = programs_for(user).filter(pk=program_id).first()
    if program is None:
        raise NotFound(_("No such program."))
    return program


def access_session(user: Any, session_id: int) -> Session:
    session = Session.objects.filter(agency_filter(user, "program__agency")).select_related("program").filter(
        pk=session_id).first()
    if session is None:
        raise NotFound(_("No such session."))
    return session


def access_registration(user: Any, registration_id: int, *, request: Any = None) -> Registration:
    registration = (Registration.objects.filter(agency_filter(user, "session__program__agency"))
                    .select_related("session__program").filter(pk=registration_id).first())
    if registration is None:
        raise NotFound(_("No such registration."))
    audit.record_view(user, registration, request=request)
    return registration


def campaigns_for(user: Any) -> Any:
    """Campaigns run by the user's agency, or with a sub-campaign at one of its centres."""
    own = agency_filter(user)
    if not own:
        return Campaign.objects.all()
    return Campaign.objects.filter(own | Q(subcampaigns__agency__in=agency_ids_of(user))).distinct()


def access_campaign(user: Any, campaign_id: int) -> Campaign:
    campaign = campaigns_for(user).filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFound(_("No such campaign."))
    return campaign


def access_subcampaign(user: Any, subcampaign_id: int) -> SubCampaign:
    sub = SubCampaign.objects.filter(agency_filter(user) | agency_filter(user, "campaign__agency")).filter(
        pk=subcampaign_id).select_related("campaign", "agency").first()
    if sub is None:
        raise NotFound(_("No such campaign."))
    return sub


def competitions_for(user: Any) -> Any:
    require_staff(user)
    if _sees_everything(user):
        return Competition.objects.all()
    # Judges may come from other agencies; they see the competitions they judge.
    return Competition.objects.filter(Q(agency__in=agency_ids_of(user)) | Q(judges__user=user)).distinct()


def access_competition(user: Any, competition_id: int) -> Competition:
    competition = competitions_for(user).filter(pk=competition_id).first()
    if competition is None:
        raise NotFound(_("No such competition."))
    return competition
