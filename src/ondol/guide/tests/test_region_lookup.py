"""Which centre is mine: address or map point → dong → community centre (ondol.core.region_lookup)."""

from __future__ import annotations

import pytest

from ondol.core.errors import InvalidInput, NotFound
from ondol.core.region_lookup import lookup_address, lookup_point

ONCHEON_1 = "3020053000"


@pytest.mark.parametrize("address", [
    "대전광역시 유성구 온천1동",
    "대전 유성구 온천1동",
    "대전유성구온천1동",
    "대전 유성구 온천 1동",
    "유성구 온천1동",
    "Oncheon 1-dong, Yuseong-gu, Daejeon",
    "oncheon1dong yuseong",
    "Yuseong gu Oncheon 1 dong",
    "Taejon Yusong-gu Oncheon 1 dong",
])
def test_an_address_in_hangul_or_romanised_with_or_without_spaces_finds_the_dong(regions, address):
    assert lookup_address(address).dong.code == ONCHEON_1


def test_a_numbered_dong_written_with_or_without_je_is_the_same_dong(regions):
    assert lookup_address("서울 강동구 상일1동").dong.dong == "상일제1동"
    assert lookup_address("서울 강동구 상일제1동").dong.dong == "상일제1동"


def test_a_dong_name_shared_by_several_cities_returns_candidates_not_a_guess(regions):
    result = lookup_address("중앙동")
    assert result.dong is None
    assert len(result.candidates) >= 3
    assert {candidate.dong for candidate in result.candidates} == {"중앙동"}


def test_the_city_settles_an_ambiguous_dong_name(regions):
    result = lookup_address("대전 중앙동")
    assert (result.dong.sido, result.dong.sigungu, result.dong.dong) == ("대전광역시", "동구", "중앙동")


def test_a_district_without_a_dong_offers_the_districts_dongs(regions):
    result = lookup_address("대전 유성구 대학로 99")
    assert result.dong is None
    assert ONCHEON_1 in {candidate.code for candidate in result.candidates}
    assert all(candidate.sigungu == "유성구" for candidate in result.candidates)


def test_a_misspelt_dong_offers_close_names(regions):
    result = lookup_address("대전 온천일동")
    assert result.dong is None
    assert ONCHEON_1 in {candidate.code for candidate in result.candidates}


def test_a_dong_name_hidden_inside_another_word_is_not_taken(regions):
    result = lookup_address("서울 봉명동")  # Seoul has a 명동, but 봉명동 is not it
    assert result.dong is None


def test_an_unknown_address_says_clearly_what_to_type(regions):
    with pytest.raises(NotFound) as error:
        lookup_address("qwerty zzz")
    assert "대전 유성구 온천1동" in str(error.value.message)  # an example of what to type, in any language


def test_an_empty_address_is_invalid_input(regions):
    with pytest.raises(InvalidInput):
        lookup_address(" ")


def test_a_map_point_gives_the_nearest_dong_marked_approximate(regions):
    result = lookup_point(36.349, 127.309)  # beside the centroid of 온천1동
    assert result.dong.code == ONCHEON_1
    assert result.approximate is True
    assert result.distance_km < 1


def test_a_point_far_from_every_dong_is_refused(regions):
    with pytest.raises(NotFound):
        lookup_point(48.85, 2.35)


def test_the_api_returns_the_dong_and_its_community_centre_with_opening_hours(client, regions):
    body = client.get("/api/v1/regions/lookup", {"address": "대전 유성구 온천1동", "lang": "en"}).json()
    assert body["dong_code"] == ONCHEON_1
    assert (body["dong"], body["sigungu"], body["sido"]) == ("온천1동", "유성구", "대전광역시")
    assert body["approximate"] is False
    assert body["centre"]["name"] == "온천1동 행정복지센터"
    assert body["centre"]["opening_hours"] == ["Monday–Friday: 09:00–18:00"]
    assert body["candidates"] == []


def test_the_api_lists_candidates_for_an_ambiguous_address(client, regions):
    body = client.get("/api/v1/regions/lookup", {"address": "중앙동"}).json()
    assert body["dong_code"] is None
    assert body["centre"] is None
    assert len(body["candidates"]) >= 3


def test_the_api_flags_a_point_lookup_as_approximate(client, regions):
    body = client.get("/api/v1/regions/lookup", {"lat": 36.349, "lon": 127.309}).json()
    assert (body["dong_code"], body["approximate"]) == (ONCHEON_1, True)


def test_the_api_explains_an_unknown_address_in_the_error_body(client, regions):
    response = client.get("/api/v1/regions/lookup", {"address": "qwerty zzz"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "address_not_found"


def test_the_api_needs_an_address_or_a_point(client, regions):
    response = client.get("/api/v1/regions/lookup")
    assert response.status_code == 422
    assert "address" in response.json()["error"]["fields"]


def test_the_find_my_centre_page_shows_the_centre_and_remembers_the_dong(client, regions):
    html = client.get("/en/guide/centre/", {"address": "Oncheon 1-dong Yuseong-gu"}).content.decode()
    assert "온천1동 행정복지센터" in html
    assert "Monday–Friday: 09:00–18:00" in html
    assert client.session["guide_dong"] == ONCHEON_1


def test_the_find_my_centre_page_lets_the_resident_choose_among_candidates(client, regions):
    html = client.get("/ko/guide/centre/", {"address": "중앙동"}).content.decode()
    assert html.count("?dong=") >= 3
