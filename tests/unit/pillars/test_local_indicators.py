"""Local indicator files: the template is valid, and every kind of bad file is refused in one sentence."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest

from tests.unit import upload_files
from trafford_dash.pillars import local_indicators as li
from trafford_dash.pillars.local_indicators import LocalIndicatorError
from trafford_dash.store.schema import VALUE_COLUMNS

AREAS = {
    "E08000009": ("Trafford", "borough", ""),
    "E92000001": ("England", "country", ""),
    "E47000001": ("Greater Manchester", "region", ""),
    "nbh_north": ("North", "neighbourhood", ""),
    "E05014199": ("Altrincham", "ward", "2023"),
}
HEADER = "indicator_id,title,pillar,unit,polarity,area_code,period,value,source"
GOOD = [
    "ae_4h,A&E within 4 hours,Urgent Care,%,higher_is_better,E08000009,2023/24,74.0,Trust returns",
    "ae_4h,A&E within 4 hours,Urgent Care,%,higher_is_better,E08000009,2024/25,76.0,Trust returns",
    "ae_4h,A&E within 4 hours,Urgent Care,%,higher_is_better,E92000001,2024/25,73.0,Trust returns",
]


def csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def parse(data: bytes, name: str = "local.csv") -> li.LocalIndicators:
    return li.parse_upload(data, name, AREAS, reserved_ids={"smoking_adults"})


def refused(data: bytes, name: str = "local.csv") -> str:
    with pytest.raises(LocalIndicatorError) as caught:
        parse(data, name)
    message = str(caught.value)
    assert message.count(". ") <= 1 and message.endswith("."), message  # one sentence
    return message


def test_a_valid_file_becomes_values_and_catalogue_rows() -> None:
    accepted = parse(csv(*GOOD))
    assert list(accepted.values.columns) == VALUE_COLUMNS
    assert accepted.rows == 3 and accepted.indicator_ids == ("ae_4h",)
    trafford = accepted.values[accepted.values["area_code"] == "E08000009"]
    assert trafford["level"].unique().tolist() == ["borough"]
    assert trafford["year"].tolist() == [2024, 2025]
    assert accepted.values["value_note"].str.startswith("Locally supplied").all()
    meta = accepted.catalogue.iloc[0]
    assert (meta["pillars"], meta["theme"], meta["polarity"], meta["value_type"]) == (
        "Urgent Care",
        "local",
        "higher_is_better",
        "proportion",
    )
    assert meta["source"] == "Locally supplied: Trust returns" and meta["levels"] == "borough;country"


def test_the_documented_template_is_a_valid_file() -> None:
    accepted = li.parse_upload(li.template_bytes(), "local_indicator_template.csv", AREAS)
    assert set(accepted.catalogue["pillars"]) == {"Urgent Care", "Planned Care"}
    assert accepted.catalogue["title"].str.startswith("EXAMPLE ONLY").all()


def test_optional_columns_case_and_spacing_are_tolerated() -> None:
    header = HEADER.upper().replace(",", ", ") + ",lower_ci_95,upper_ci_95,sex"
    accepted = parse(csv(GOOD[0].replace("Urgent Care", "urgent care") + ",73.5,74.5,persons", header=header))
    assert accepted.values["lower_ci_95"].iloc[0] == 73.5 and accepted.values["sex"].iloc[0] == "Persons"
    assert accepted.catalogue["pillars"].iloc[0] == "Urgent Care"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (csv(*GOOD, header=HEADER.replace(",value,", ",amount,")), "x.csv", "lacks the column value"),
        (
            csv(*[g + ",x" for g in GOOD], header=HEADER + ",colour"),
            "x.csv",
            "column 'colour' that the template",
        ),
        (
            csv(GOOD[0].replace(",74.0,", ",n/a,")),
            "x.csv",
            "Row 1 (line 2): value is 'n/a', which is not a number",
        ),
        (csv(GOOD[0], GOOD[0]), "x.csv", "Rows 1 and 2 (lines 2 and 3) are duplicates"),
        (csv(GOOD[0].replace("E08000009", "E08000099")), "x.csv", "area code 'E08000099' is not one"),
        (csv(*GOOD), "indicators.xlsx", "'indicators.xlsx' is not a CSV file"),
        (b"PK\x03\x04\x00\x00binary", "sheet.csv", "is not a CSV file (it holds binary data"),
        (csv(*GOOD).decode().encode("utf-16"), "x.csv", "'x.csv' is UTF-16 text; save it as UTF-8 CSV"),
        ("\n".join([HEADER, GOOD[0].replace("A&E", "Urgències")]).encode("cp1252"), "x.csv", "is not UTF-8"),
        (csv(GOOD[0].replace("Urgent Care", "Dentistry")), "x.csv", "pillar 'Dentistry' is not one of"),
        (csv(GOOD[0].replace("higher_is_better", "up")), "x.csv", "polarity 'up' is not one of"),
        (csv(GOOD[0].replace("2023/24", "last year")), "x.csv", "period 'last year' has no year"),
        (csv(GOOD[0].replace("ae_4h", "smoking_adults")), "x.csv", "is already an open-data indicator"),
        (csv(GOOD[0].replace("ae_4h", "A&E!")), "x.csv", "must be lower-case letters"),
        (csv(GOOD[0], GOOD[1].replace("Trust returns", "Other")), "x.csv", "has more than one source"),
        (csv(GOOD[0].replace(",74.0,", ",,")), "x.csv", "value is empty"),
        (csv(GOOD[0] + ",extra"), "x.csv", "has 10 fields but the header has 9"),
        (csv(), "x.csv", "has a header row but no data rows"),
        (b"", "x.csv", "is empty"),
    ],
)
def test_bad_files_are_refused_with_one_sentence_naming_the_problem(
    data: bytes, name: str, expected: str
) -> None:
    assert expected in refused(data, name)


def test_size_limit() -> None:
    big = csv(*GOOD) + b"#" * (li.MAX_BYTES + 1)
    assert "over the 2 MB limit" in refused(big)


def test_interval_must_contain_the_value() -> None:
    header = HEADER + ",lower_ci_95,upper_ci_95"
    assert "not inside its 95% confidence interval" in refused(csv(GOOD[0] + ",80,90", header=header))
    assert "give both lower_ci_95 and upper_ci_95" in refused(csv(GOOD[0] + ",70,", header=header))


def test_formulas_are_neutralised_and_markup_is_escaped() -> None:
    line = (
        GOOD[0].replace("A&E within 4 hours", '=HYPERLINK("http://x")').replace("Trust returns", "@SUM(A1)")
    )
    accepted = parse(csv(line.replace(',=HYPERLINK("http://x"),', ',"=HYPERLINK(""http://x"")",')))
    assert accepted.catalogue["title"].iloc[0].startswith("'=")
    assert accepted.catalogue["source"].iloc[0] == "Locally supplied: '@SUM(A1)"
    escaped = li.escape_markdown("<script>alert(1)</script> ![x](http://e) :red[x]")
    assert "<script>" not in escaped and "](" not in escaped and ":red[" not in escaped


def test_known_areas_from_the_areas_table() -> None:
    areas = pd.DataFrame(
        {
            "area_code": ["E08000009", "nbh_north", "nbh_north", "E05000001", "E01000001"],
            "area_name": ["Trafford", "North", "North", "Clifford", "An LSOA"],
            "level": ["borough", "neighbourhood", "neighbourhood", "ward", "lsoa"],
            "vintage": ["", "2022", "2023", "2022", "2021"],
            "ward_code": [None] * 5,
            "neighbourhood": [None] * 5,
        }
    )
    known = li.known_areas(areas)
    assert known == {
        "E08000009": ("Trafford", "borough", ""),
        "nbh_north": ("North", "neighbourhood", ""),
        "E05000001": ("Clifford", "ward", "2022"),
    }


def test_the_largest_accepted_file_validates() -> None:
    data = upload_files.largest_local_indicator_file()
    assert len(data) <= li.MAX_BYTES
    accepted = li.parse_upload(data, "largest.csv", upload_files.AREAS)
    assert accepted.rows == li.MAX_ROWS == len(accepted.catalogue)
    assert accepted.catalogue["indicator_id"].iloc[-1] == f"local_{li.MAX_ROWS - 1}"


def test_validation_works_on_whole_columns_not_indicator_by_indicator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The number of table look-ups stays the same for ten times the indicators.

    A per-indicator (or per-row) loop filters or indexes the table once per indicator, which made a
    20,000-indicator file take over a minute; counting look-ups checks this without timing anything.
    """
    counts: dict[str, int] = {}
    for cls in (pd.DataFrame, pd.Series):
        for name in ("__getitem__", "groupby", "iterrows", "itertuples"):
            if hasattr(cls, name):
                original = getattr(cls, name)

                def counted(
                    *args: object, _original: Any = original, _key: str = name, **kwargs: object
                ) -> Any:
                    counts[_key] = counts.get(_key, 0) + 1
                    return _original(*args, **kwargs)

                monkeypatch.setattr(cls, name, counted)
    looked_up = []
    for indicators in (200, 2_000):
        counts.clear()
        li.parse_upload(upload_files.local_indicator_file(indicators), "local.csv", upload_files.AREAS)
        looked_up.append(dict(counts))
    assert looked_up[0] == looked_up[1]
    assert "iterrows" not in looked_up[1] and "itertuples" not in looked_up[1]


HOSTILE_CELL = 'E0\\8 "x" <b>y</b>\n:red[z] **w**'


def test_refusals_quote_the_files_text_as_it_is_on_one_line() -> None:
    line = GOOD[0].replace("E08000009", '"' + HOSTILE_CELL.replace('"', '""') + '"')
    message = refused(csv(line))
    assert "area code 'E0\\8 \"x\" <b>y</b> :red[z] **w**' is not one" in message, message
    name_message = refused(b"", "report\n# <i>big<i>\u202e.csv")
    assert name_message.startswith("'report # <i>big<i> .csv' is empty"), name_message


def test_quoted_text_is_shown_literally_on_the_page() -> None:
    message = refused(csv(GOOD[0].replace("Urgent Care", '"' + HOSTILE_CELL.replace('"', '""') + '"')))
    shown = li.escape_markdown(message)
    unescaped = re.sub(r"\\.", "", shown)
    assert "\n" not in shown and not re.search(r"[`*_\[\]()#<>:|!$&~-]", unescaped), shown
    assert re.sub(r"\\(.)", r"\1", shown) == message


def test_a_long_file_name_ending_csv_is_read_as_csv() -> None:
    accepted = parse(csv(*GOOD), "a" * 120 + ".csv")
    assert accepted.rows == len(GOOD)
