"""Family-centre visiting services for multicultural families, and KIIP (reference §2 rows 14–15)."""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext_lazy as _

from ..frame import Frame
from ..logic import HH, MEMBER, C, E, N, Tri, all_of, any_member, any_of, broadcast, const, leaf, negate, note_where
from ..parameters import Confidence
from ..results import Document, Kind, ReasonDef
from .base import R_NO_FIGURE, Outcome, Program, median_share
from .facts import age_at_least, age_below, flag, foreign, korean, member_ids, short_stay

MFA = "다문화가족지원법"

R_MIGRANT = ReasonDef(
    "marriage_migrant", _("%(member)s is a marriage migrant, so the household is a multicultural family."), f"{MFA} 제2조"
)
R_NOT_MULTICULTURAL = ReasonDef(
    "not_multicultural_family",
    _(
        "These services are for multicultural families (a marriage migrant and a Korean family). If someone in your "
        "household became Korean through naturalisation, ask the family centre."
    ),
    f"{MFA} 제2조",
)
R_KOREAN_VISITS = ReasonDef(
    "korean_language_visits",
    _("%(member)s can have Korean-language lessons at home (for marriage migrants who entered within %(years)s years, or are pregnant)."),
    f"{MFA} 제6조",
)
R_PARENT_EDUCATION = ReasonDef(
    "parent_education_visits",
    _("The household can have parent-education visits, as it has a child aged %(max_age)s or under."),
    f"{MFA} 제6조",
)
R_CHILD_LIFE = ReasonDef(
    "child_life_service", _("%(member)s can use the child-life service (ages 3 to 12)."), f"{MFA} 제10조"
)
R_CHILD_LIFE_FREE = ReasonDef(
    "child_life_service_free",
    _("The child-life service is free, as the household's income is at or below %(limit_krw)s."),
    f"{MFA} 제10조",
)
R_CHILD_LIFE_FEE = ReasonDef(
    "child_life_service_fee",
    _("The child-life service may charge a fee, as the household's income is above %(limit_krw)s."),
    f"{MFA} 제10조",
)
R_NOT_COMBINED = ReasonDef(
    "visiting_services_not_combined", _("The visiting services cannot be used at the same time; the family centre helps you choose."), f"{MFA} 제6조"
)
R_NO_SERVICE = ReasonDef(
    "no_visiting_service",
    _("None of the visiting services fits: they are for recent arrivals, pregnancy, or children aged 12 or under."),
    f"{MFA} 제6조",
)
R_KIIP_OPEN = ReasonDef(
    "kiip_open_to_member",
    _("%(member)s can join the Korea Immigration and Integration Program (KIIP) as a legally staying registered foreigner."),
    "출입국관리법 제39조, 제40조",
)
R_KIIP_REGISTER = ReasonDef(
    "kiip_register_first",
    _("KIIP is for registered foreign residents (and F-4 holders); register first."),
    "출입국관리법 제39조",
)
R_KIIP_HOURS = ReasonDef(
    "kiip_level5_hours",
    _(
        "Level 5 takes %(basic)s hours for the permanent-residence track and %(advanced)s more for naturalisation; "
        "completing it waives the naturalisation test and counts for visas."
    ),
    "출입국관리법 시행령 제48조",
)


def _marriage_migrant(f: Frame) -> Tri:
    married = flag(f, "married_to_korean")
    div_wid = flag(f, "divorced_or_widowed_from_korean")
    korean_family = broadcast(f, any_member(f, korean(f)))
    migrant = all_of(f, foreign(f), any_of(f, married, all_of(f, div_wid, korean_family)))
    return note_where(f, migrant, R_MIGRANT, migrant.state == E, member_ids(f))


def multicultural_visiting(f: Frame) -> Outcome:
    years = f.param("korean_visit_max_years_since_entry")
    ages = f.param("child_life_service_ages", "min"), f.param("child_life_service_ages", "max")
    parent_max = f.param("parent_education_max_age")
    migrant = _marriage_migrant(f)
    family = any_member(f, migrant)
    family = note_where(f, family, R_NOT_MULTICULTURAL, family.state == N)
    if years is None or parent_max is None or None in ages:
        return Outcome(all_of(f, family, const(f, HH, C, R_NO_FIGURE, {"as_of": f.as_of})))

    months_here = f.months_between(f.mem["entry_date"], f.as_of64)
    recent = leaf(f, MEMBER, months_here < int(years.value) * 12, missing={"entry_date": np.isnan(months_here)})
    visits = all_of(f, migrant, any_of(f, recent, flag(f, "pregnant")))
    visits = note_where(f, visits, R_KOREAN_VISITS, visits.state == E, {**member_ids(f), "years": years.value})

    child = leaf(f, MEMBER, f.role_is("child"))
    young_limit = (int(parent_max.value) + 1) * 12
    parent_ed = any_member(f, all_of(f, child, age_below(f, young_limit)))
    parent_ed = note_where(f, parent_ed, R_PARENT_EDUCATION, parent_ed.state == E, {"max_age": parent_max.value})
    low, high = (int(a.value) for a in ages)  # type: ignore[union-attr]
    life_child = all_of(f, child, age_at_least(f, low * 12), age_below(f, (high + 1) * 12))
    life_child = note_where(f, life_child, R_CHILD_LIFE, life_child.state == E, member_ids(f))
    child_life = any_member(f, life_child)
    service = any_of(f, any_member(f, visits), parent_ed, child_life)
    service = note_where(f, service, R_NO_SERVICE, service.state == N)
    t = all_of(f, family, service)

    if f.explain and (child_life.state == E).any():
        limit = median_share(f, "multicultural_child_free_rate", informational=True).value
        income = f.hh["income"]
        base = (t.state == E) & (child_life.state == E)
        t = note_where(f, t, R_CHILD_LIFE_FREE, base & (income <= limit), {"limit_krw": limit})
        t = note_where(f, t, R_CHILD_LIFE_FEE, base & (income > limit), {"limit_krw": limit})
    return Outcome(note_where(f, t, R_NOT_COMBINED, t.state == E))


def kiip(f: Frame) -> Outcome:
    f4, missing_status = f.status_in(("F-4",))
    overseas_korean = leaf(f, MEMBER, f4, missing={"residence_status": missing_status})
    registered = flag(f, "registered")
    not_visitor = any_of(f, negate(short_stay(f)), registered)
    member = all_of(f, foreign(f), not_visitor, any_of(f, registered, overseas_korean))
    member = note_where(f, member, R_KIIP_OPEN, member.state == E, member_ids(f))
    member = note_where(f, member, R_KIIP_REGISTER, (member.state == N) & (f.mem["registered"] == 0))
    t = any_member(f, member)
    basic, advanced = (f.params.at("kiip_level5_hours", f.as_of, course) for course in ("basic", "advanced"))
    # Hours from a source we could not confirm are not shown at all: they are only an aside.
    if basic is not None and advanced is not None and not basic.unverified:
        f.param("kiip_level5_hours", "basic", informational=True)
        f.param("kiip_level5_hours", "advanced", informational=True)
        t = note_where(f, t, R_KIIP_HOURS, t.state == E, {"basic": basic.value, "advanced": advanced.value})
    return Outcome(t, beneficiaries=member.state == E)


PROGRAMS = (
    Program(
        key="multicultural-family-visiting",
        kind=Kind.BENEFIT,
        title=_("Family centre visiting services (다문화가족 방문교육)"),
        summary=_("Korean lessons, parent education and child-life support at home for multicultural families."),
        legal_basis=f"{MFA} 제2조, 제5조–제12조",
        confidence=Confidence.GOVERNMENT,
        evaluate=multicultural_visiting,
        parameters=("korean_visit_max_years_since_entry", "parent_education_max_age", "child_life_service_ages",
                    "multicultural_child_free_rate"),
        documents=(
            Document("family_centre_application", _("An application at your local family centre (가족센터).")),
            Document("foreigner_registration_card", _("The foreigner registration card of each foreign member.")),
            Document("family_relation_certificate", _("The family-relation certificate of the Korean spouse.")),
        ),
    ),
    Program(
        key="kiip",
        kind=Kind.BENEFIT,
        title=_("Korea Immigration and Integration Program (KIIP, 사회통합프로그램)"),
        summary=_("Korean language and society courses from level 0 to 5 that help with visas and naturalisation."),
        legal_basis="출입국관리법 제39조, 제40조; 시행령 제48조",
        confidence=Confidence.SECONDARY,
        evaluate=kiip,
        parameters=("kiip_level5_hours",),
        documents=(
            Document("socinet_signup", _("Sign up on the Socinet website (socinet.go.kr).")),
            Document("foreigner_registration_card", _("The foreigner registration card of each foreign member.")),
        ),
    ),
)
