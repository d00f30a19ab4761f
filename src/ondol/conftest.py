"""Fixtures shared by every app's tests."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ondol.core.catalogs import compile_catalogs


def pytest_configure(config: pytest.Config) -> None:
    # Tests must see the real translations, so build the .mo files once per session.
    compile_catalogs()


@pytest.fixture(autouse=True)
def _restore_active_language() -> Iterator[None]:
    """A test that activates a language must not change the language of the tests after it."""
    from django.utils import translation

    before = translation.get_language()
    yield
    # Rate limits and caches count in the cache: one test's requests must not throttle the next test.
    from django.core.cache import cache

    cache.clear()
    if before:
        translation.activate(before)
    else:
        translation.deactivate_all()


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from ondol.core.tests.factories import make_staff

    return make_staff


@pytest.fixture
def agency(db: Any) -> Any:
    from ondol.core.tests.factories import AgencyFactory

    return AgencyFactory()


@pytest.fixture
def counsellor(db: Any, agency: Any) -> Any:
    from ondol.core.tests.factories import make_staff

    return make_staff(role="counsellor", agency=agency)


@pytest.fixture
def daejeon_regions(db: Any) -> None:
    """The Daejeon rows of the shared regions file (fast; the whole country takes a few seconds)."""
    from ondol.core.services import load_regions

    load_regions(sido_codes={"30"})


CHROMIUM = os.environ.get("ONDOL_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}; `make test` installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls that tests make around it
    # are still synchronous and safe, so let Django allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
