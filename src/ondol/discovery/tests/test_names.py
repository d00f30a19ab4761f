from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondol.discovery.pipeline.names import name_keys


@pytest.mark.parametrize(("written", "registered"), [
    ("HONG GILDONG", "홍길동"),                 # Latin upper case against Hangul
    ("Gildong Hong", "홍길동"),                 # given and family name swapped
    ("Hong Gil-dong", "홍길동"),                # hyphenated given name
    ("KIM CHEOLSU", "김철수"),                  # passport spelling of the family name
    ("Nguyen Van An", "NGUYỄN VĂN AN"),         # accents dropped
    ("An Nguyen Van", "Nguyễn Văn An"),         # order changed
    ("ZHANG WEI", "张伟"),                      # Han characters
    ("IVANOV IVAN", "Иванов Иван"),             # Cyrillic
    ("NAMKOONG MINSU", "남궁민수"),             # two-syllable family name
])
def test_the_same_name_in_another_script_or_order_gets_the_same_key(written, registered):
    assert name_keys(written)[0] == name_keys(registered)[0]


def test_a_name_split_differently_or_with_two_letters_transposed_keeps_its_letters():
    assert name_keys("HONG GIL DONG")[1] == name_keys("홍길동")[1]
    assert name_keys("Ngyuen Van An")[1] == name_keys("Nguyen Van An")[1]
    assert name_keys("Ngyuen Van An")[0] != name_keys("Nguyen Van An")[0]


def test_other_romanisations_of_a_korean_name_meet_in_the_loose_key():
    assert name_keys("KIM CHUL SOO")[2] == name_keys("김철수")[2]
    assert name_keys("RAKHIMOV MALIKA")[2] == name_keys("Рахимов Малика")[2]


def test_different_people_keep_different_keys():
    assert name_keys("김철수")[1] != name_keys("김영희")[1]


def test_an_empty_name_has_no_keys():
    assert name_keys("  ") == (None, None, None)


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=4))
def test_the_order_of_the_words_never_changes_the_keys(words):
    assert name_keys(" ".join(words)) == name_keys(" ".join(reversed(words)))
