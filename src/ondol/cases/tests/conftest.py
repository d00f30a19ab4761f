"""Fixtures of the cases tests: two agencies with staff in every role, and a client referred between them."""

from __future__ import annotations

from typing import Any

import pytest

from ondol.accounts.models import Role
from ondol.cases.tests.factories import CaseFactory, ClientFactory, ConsentFactory
from ondol.core.models import AgencyKind
from ondol.core.tests.factories import AgencyFactory, make_staff


@pytest.fixture
def home_agency(db: Any) -> Any:
    return AgencyFactory(name="Home centre", kind=AgencyKind.INTEGRATED_SUPPORT_CENTRE)


@pytest.fixture
def partner_agency(db: Any) -> Any:
    return AgencyFactory(name="Partner centre", kind=AgencyKind.MULTICULTURAL_FAMILY_CENTRE)


@pytest.fixture
def enforcement_agency(db: Any) -> Any:
    return AgencyFactory(name="Immigration office", kind=AgencyKind.ENFORCEMENT)


@pytest.fixture
def home_counsellor(home_agency: Any) -> Any:
    return make_staff(role=Role.COUNSELLOR, agency=home_agency, username="home.counsellor")


@pytest.fixture
def home_manager(home_agency: Any) -> Any:
    return make_staff(role=Role.CENTRE_MANAGER, agency=home_agency, username="home.manager")


@pytest.fixture
def partner_staff(partner_agency: Any) -> Any:
    return make_staff(role=Role.PARTNER_STAFF, agency=partner_agency, username="partner.staff")


@pytest.fixture
def make_client(home_agency: Any) -> Any:
    def make(**fields: Any) -> Any:
        fields.setdefault("agency", home_agency)
        return ClientFactory(**fields)

    return make


@pytest.fixture
def make_case(make_client: Any) -> Any:
    def make(**fields: Any) -> Any:
        client = fields.pop("client", None) or make_client()
        return CaseFactory(client=client, agency=fields.pop("agency", client.agency), **fields)

    return make


@pytest.fixture
def consent_to_refer() -> Any:
    def give(client: Any, **fields: Any) -> Any:
        return ConsentFactory(client=client, **fields)

    return give
