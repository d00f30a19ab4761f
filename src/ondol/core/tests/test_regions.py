"""Loading the administrative regions: counts, idempotence, and bad files that load nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ondol.core.models import Region, RegionLevel
from ondol.core.services import default_regions_file

pytestmark = pytest.mark.usefixtures("in_english")

HEADER = "adm_code,sido,sigungu,dong,sido_code,sigungu_code,stat_code,lon,lat\n"


@pytest.fixture
def in_english():
    with translation.override("en"):
        yield


def test_all_3512_dongs_load_with_their_districts_and_provinces(db: None) -> None:
    call_command("load_regions")
    assert Region.objects.filter(level=RegionLevel.DONG).count() == 3512
    assert Region.objects.filter(level=RegionLevel.SIDO).count() == 17
    assert Region.objects.filter(level=RegionLevel.SIGUNGU).count() == 250
    yuseong = Region.objects.get(level=RegionLevel.SIGUNGU, sido_name="대전광역시", name="유성구")
    assert yuseong.children.count() == Region.objects.filter(level="dong", code__startswith=yuseong.code).count()


def test_daejeon_has_81_dongs_in_5_districts(daejeon_regions: None) -> None:
    assert Region.objects.filter(level=RegionLevel.DONG, sido_name="대전광역시").count() == 81
    assert Region.objects.filter(level=RegionLevel.SIGUNGU, sido_name="대전광역시").count() == 5


def test_loading_twice_changes_nothing(db: None) -> None:
    call_command("load_regions")
    before = list(Region.objects.values_list("code", "name", "parent_id", "lon", "lat").order_by("code"))
    call_command("load_regions")
    after = list(Region.objects.values_list("code", "name", "parent_id", "lon", "lat").order_by("code"))
    assert before == after


def test_a_file_with_a_bad_row_loads_nothing_and_says_which_line(db: None, tmp_path: Path) -> None:
    good = default_regions_file().read_text(encoding="utf-8").splitlines()[1:4]
    bad_file = tmp_path / "regions.csv"
    bad_file.write_text(HEADER + "\n".join(good) + "\n30200999,대전광역시,유성구,,30,30200,,x,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 5"):
        call_command("load_regions", file=bad_file)
    assert Region.objects.count() == 0


def test_a_file_missing_columns_is_refused_with_their_names(db: None, tmp_path: Path) -> None:
    bad_file = tmp_path / "regions.csv"
    bad_file.write_text("adm_code,sido\n1111051500,서울특별시\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing these columns: sigungu, dong"):
        call_command("load_regions", file=bad_file)
    assert Region.objects.count() == 0


def test_a_missing_file_is_a_clear_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("load_regions", file=tmp_path / "nowhere.csv")


def test_duplicate_codes_are_refused(db: None, tmp_path: Path) -> None:
    row = default_regions_file().read_text(encoding="utf-8").splitlines()[1]
    bad_file = tmp_path / "regions.csv"
    bad_file.write_text(HEADER + row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="appears twice"):
        call_command("load_regions", file=bad_file)
    assert Region.objects.count() == 0
