"""Factories for clients, consents, cases and referrals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from ondol.cases.models import Case, CaseStatus, Client, Consent, Purpose, Referral, Section
from ondol.cases.names import index_text
from ondol.core.tests.factories import AgencyFactory


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    agency = factory.SubFactory(AgencyFactory)
    name_latin = factory.Sequence(lambda n: f"TESTPERSON NUMBER{n}")
    birth_date = dt.date(1995, 5, 17)
    sex = "F"
    nationality = "VN"
    residence_status = "E-9"
    residence_expiry = dt.date(2027, 3, 31)
    preferred_language = "vi"
    phone = "010-1234-5678"
    address = "대전광역시 유성구 대학로 99"

    @classmethod
    def _create(cls, model_class: type[Client], *args: Any, **kwargs: Any) -> Client:
        identity_number = kwargs.pop("identity_number", "")
        client = model_class(*args, **kwargs)
        if identity_number:
            client.set_identity_number(identity_number, kind="arc")
        client.name_index = index_text(*client.all_names)
        client.save()
        return client


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    purpose = Purpose.REFERRAL
    form_version = "2026-01"
    language = "vi"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    client = factory.SubFactory(ClientFactory)
    agency = factory.SelfAttribute("client.agency")
    title = factory.Sequence(lambda n: f"Case {n}")
    source = "consultation"
    status = CaseStatus.ASSESSMENT


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    from_agency = factory.SelfAttribute("case.agency")
    to_agency = factory.SubFactory(AgencyFactory)
    sections_text = f" {Section.IDENTITY} {Section.CONTACT} {Section.PLAN} "
    note = "Please help with the lease."
    respond_by = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=3))
