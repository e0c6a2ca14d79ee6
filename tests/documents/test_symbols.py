import pytest
from django.core.exceptions import ValidationError

from documents.symbols import next_free_number, normalize_symbol, parse_symbol, symbols_in_text


@pytest.mark.parametrize(
    "text",
    [
        "CCM/MSP/2024/WP.1",
        "CCM/CONF/2021/6",
        "CCM/CONF/2015/PM.1/2",
        "CCM/MSP/2011/WP.3/Rev.1/Amend.1",
        "CCM/MSP/2019/INF.2/Corr.1",
        "CCM/CONF/2020/12/Add.2",
    ],
)
def test_symbol_parses_and_prints_back_unchanged(text):
    assert str(parse_symbol(text)) == text


def test_symbol_is_normalized_to_its_canonical_spelling():
    assert normalize_symbol(" ccm/msp/2011/wp.3/rev.1/amend.1 ") == "CCM/MSP/2011/WP.3/Rev.1/Amend.1"


def test_symbol_parts_are_understood():
    symbol = parse_symbol("CCM/MSP/2011/WP.3/Rev.1/Amend.1")
    assert (symbol.body, symbol.year, symbol.series, symbol.number) == ("MSP", 2011, "WP", 3)
    assert symbol.suffixes == (("Rev", 1), ("Amend", 1))
    assert str(symbol.parent) == "CCM/MSP/2011/WP.3/Rev.1"
    assert str(symbol.base) == "CCM/MSP/2011/WP.3"
    assert symbol.last_suffix == "Amend"
    pm = parse_symbol("CCM/CONF/2015/PM.1/2")
    assert pm.preparatory_meeting == 1 and pm.number == 2 and pm.series == ""
    assert parse_symbol("CCM/CONF/2021/6").filename_stem == "CCM_CONF_2021_6"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a symbol"),
        ("UN/MSP/2024/1", "starts with CCM/"),
        ("CCM/XYZ/2024/1", "Unknown body"),
        ("CCM/MSP/24/1", "not a year"),
        ("CCM/MSP/1999/1", "not a year"),
        ("CCM/MSP/2024", "incomplete"),
        ("CCM/MSP/2024/WQ.1", "not a document number"),
        ("CCM/MSP/2024/WP.1/Rev", "not a suffix"),
        ("CCM/MSP/2024/WP.1/Rev.0", "start at 1"),
        ("CCM/MSP/2024//1", "empty part"),
        ("CCM/MSP/2024/WP 1", "no spaces"),
        ("CCM/CONF/2015/PM.1", "no document number"),
        ("CCM/MSP/2024/0", "start at 1"),
    ],
)
def test_malformed_symbol_is_rejected_with_a_clear_message(text, message):
    with pytest.raises(ValidationError) as info:
        parse_symbol(text)
    assert message in " ".join(info.value.messages)


def test_symbols_are_found_in_running_text_without_trailing_punctuation():
    text = (
        "As decided (CCM/CONF/2021/6, paragraph 84) and in CCM/MSP/2024/WP.1. See also "
        "ccm/msp/2018/wp.3 and CCM/MSP/2011/WP.3/Rev.1/Amend.1; again CCM/CONF/2021/6."
    )
    assert symbols_in_text(text) == [
        "CCM/CONF/2021/6",
        "CCM/MSP/2024/WP.1",
        "CCM/MSP/2018/WP.3",
        "CCM/MSP/2011/WP.3/Rev.1/Amend.1",
    ]


def test_next_free_number_in_a_series_ignores_other_series_and_suffixes():
    existing = [
        "CCM/MSP/2026/WP.1",
        "CCM/MSP/2026/WP.2/Rev.1",
        "CCM/MSP/2026/WP.2",
        "CCM/MSP/2026/INF.7",
        "CCM/MSP/2025/WP.9",
        "CCM/MSP/2026/1",
        "not a symbol",
    ]
    assert next_free_number("CCM/MSP/2026/WP.", existing) == "CCM/MSP/2026/WP.3"
    assert next_free_number("CCM/MSP/2026/INF.", existing) == "CCM/MSP/2026/INF.8"
    assert next_free_number("CCM/MSP/2026/", existing) == "CCM/MSP/2026/2"
    assert next_free_number("CCM/CONF/2026/", existing) == "CCM/CONF/2026/1"
