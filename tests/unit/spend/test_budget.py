"""An uploaded budget is accepted whole or rejected with a sentence naming the problem."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from trafford_dash.spend import breakdown, budget_rows, finance
from trafford_dash.spend import budget as budget_upload
from trafford_dash.spend.budget import validate_budget

HEADER = "year,body,category,amount_gbp_m,share_pct\n"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode("utf-8")


GOOD_SHARES = csv_bytes(
    "2024/25,CCG,Acute,,60",
    "2024/25,CCG,Community,,40",
    "2024/25,Council,Adult Client Costs,,100",
)


def rejected(data: bytes, filename: str = "budget.csv") -> str:
    result = validate_budget(data, filename)
    assert not result.ok
    assert result.budget is None
    assert result.errors
    return " ".join(result.errors)


def test_a_share_budget_is_accepted_with_its_figures() -> None:
    result = validate_budget(GOOD_SHARES, "budget.csv")
    assert result.ok, result.errors
    budget = result.budget
    assert budget is not None
    assert list(budget.columns) == budget_upload.OUTPUT_COLUMNS
    assert budget["share_pct"].tolist() == [60, 40, 100]
    assert budget["amount_gbp_m"].isna().all()


def test_amounts_give_shares_and_keep_pounds() -> None:
    data = csv_bytes("2024/25,ccg,Acute,£150,", '2024/25,CCG,Community,"50.0",')
    result = validate_budget(data, "budget.csv")
    assert result.ok, result.errors
    assert result.budget is not None
    assert result.budget["body"].tolist() == ["CCG", "CCG"]
    assert result.budget["share_pct"].tolist() == pytest.approx([75.0, 25.0])
    assert result.budget["amount_gbp_m"].tolist() == [150.0, 50.0]
    assert "worked out from the amounts" in result.notes[0]


def test_shares_within_rounding_are_accepted_like_the_plans_101_percent() -> None:
    assert validate_budget(csv_bytes("2024/25,CCG,Acute,,61", "2024/25,CCG,Other,,40"), "b.csv").ok


def test_the_shipped_template_passes_its_own_checks() -> None:
    result = validate_budget(budget_upload.template_bytes(), "budget_template.csv")
    assert result.ok, result.errors
    assert result.budget is not None
    assert set(result.budget["body"]) == {"CCG", "Council"}
    assert list(budget_upload.template_frame().columns) == list(budget_upload.COLUMNS)


# (the two data rows, what the refusal must say)
REFUSED_PAIRS = {
    "shares not adding to 100": (
        ("2024/25,CCG,Acute,,60", "2024/25,CCG,Community,,30"),
        "CCG shares for 2024/25 add up to 90%, not 100%",
    ),
    "negative amount": (
        ("2024/25,CCG,Acute,-5,", "2024/25,CCG,Community,10,"),
        "Row 2: amount_gbp_m is negative (-5)",
    ),
    "negative share": (("2024/25,CCG,Acute,,110", "2024/25,CCG,B,,-10"), "share_pct is negative"),
    "duplicate category ignoring case and spaces": (
        ("2024/25,CCG,Acute,,50", "2024/25,CCG, acute ,,50"),
        "Row 3 repeats the category 'acute' for CCG in 2024/25 (first on row 2)",
    ),
    "text in a number": (
        ("2024/25,CCG,Acute,,fifty", "2024/25,CCG,Community,,50"),
        "Row 2: share_pct 'fifty' is not a number",
    ),
}


@pytest.mark.parametrize(("lines", "expected"), REFUSED_PAIRS.values(), ids=REFUSED_PAIRS.keys())
def test_a_bad_pair_of_rows_is_refused(lines: tuple[str, str], expected: str) -> None:
    assert expected in rejected(csv_bytes(*lines))


def test_unknown_body() -> None:
    message = rejected(csv_bytes("2024/25,NHS England,Acute,,100"))
    assert (
        "Row 2: body 'NHS England' is not known; use Council, or for the NHS one of CCG, ICB or NHS Greater "
        "Manchester (Trafford)."
    ) in message


def test_not_a_number_text_such_as_nan_or_inf_is_refused() -> None:
    assert "is not a number" in rejected(csv_bytes("2024/25,CCG,Acute,,nan"))
    assert "is not a number" in rejected(csv_bytes("2024/25,CCG,Acute,,inf"))


def test_empty_file() -> None:
    assert "budget.csv is empty" in rejected(b"")


def test_blank_file_and_header_only() -> None:
    assert "no text" in rejected(b"  \n\n")
    assert "header row but no budget rows" in rejected(HEADER.encode())


def test_non_csv_file_name() -> None:
    assert "budget.pdf is not a CSV file" in rejected(GOOD_SHARES, "budget.pdf")


def test_excel_workbook_renamed_to_csv() -> None:
    message = rejected(b"PK\x03\x04" + b"\x00" * 50, "budget.csv")
    assert "spreadsheet workbook, not a CSV file" in message


def test_binary_content() -> None:
    assert "binary data" in rejected(b"year,body\x00\x01\x02", "budget.csv")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_such_with_the_fix(encoding: str) -> None:
    message = rejected(GOOD_SHARES.decode().replace("Acute", "Acute £ €").encode(encoding))
    assert "budget.csv is UTF-16 text; save it as UTF-8 CSV" in message
    assert "binary" not in message


@pytest.mark.parametrize(
    "name", ["ICB", "icb", "NHS Greater Manchester (Trafford)", " nhs greater  manchester (trafford)"]
)
def test_the_integrated_care_board_is_accepted_as_the_nhs_body(name: str) -> None:
    data = csv_bytes(f'2024/25,"{name}",Acute,,60', "2024/25,CCG,Community,,40")
    result = validate_budget(data, "budget.csv")
    assert result.ok, result.errors
    assert result.budget is not None and result.budget["body"].tolist() == ["CCG", "CCG"]


@pytest.mark.parametrize("amount", ["1e308", "5000.01", "4,600,000"])
def test_absurd_amounts_are_refused(amount: str) -> None:
    message = rejected(csv_bytes(f'2024/25,CCG,Acute,"{amount}",', "2024/25,CCG,Community,50,"))
    assert "amount_gbp_m is" in message and "above the £5,000m accepted for one spend area" in message


def test_the_largest_accepted_amount_passes_and_the_ceiling_is_ten_times_the_pooled_budget() -> None:
    assert validate_budget(csv_bytes("2024/25,CCG,Acute,5000,", "2024/25,CCG,Community,50,"), "b.csv").ok
    totals = finance.load_finance_totals().set_index("measure")
    pooled = float(totals.loc["combined_resource", "amount_gbp_m"])
    assert pooled * 10 <= budget_rows.MAX_AMOUNT_GBP_M


def test_the_size_limit_is_the_upload_widgets_own() -> None:
    assert budget_upload.MAX_BYTES == budget_upload.MAX_UPLOAD_MB * 1024 * 1024
    padded = GOOD_SHARES + b"\n" * (budget_upload.MAX_BYTES - len(GOOD_SHARES))  # blank lines are skipped
    assert len(padded) == budget_upload.MAX_BYTES and validate_budget(padded, "b.csv").ok


def test_wrong_encoding() -> None:
    data = "year,body,category,amount_gbp_m\n2024/25,CCG,Acute £,100\n".encode("cp1252")
    assert "not in UTF-8 text encoding" in rejected(data)


def test_utf8_with_byte_order_mark_is_fine() -> None:
    assert validate_budget(b"\xef\xbb\xbf" + GOOD_SHARES, "budget.csv").ok


def test_over_size() -> None:
    data = GOOD_SHARES + b"#" * (budget_upload.MAX_BYTES + 1)
    message = rejected(data)
    assert "budget.csv is 1.1 MB; the limit is 1 MB" in message


def test_semicolon_separated() -> None:
    assert "separated by semicolons" in rejected(b"year;body;category;share_pct\n2024/25;CCG;Acute;100\n")


def test_missing_and_unknown_columns() -> None:
    message = rejected(b"year,body,amount\n2024/25,CCG,100\n")
    assert "lacks the column category" in message
    assert "needs an amount_gbp_m" in message
    assert "'amount' is not in the template" in message


def test_bad_year_and_empty_category() -> None:
    message = rejected(csv_bytes("2024-25,CCG,Acute,,50", "2024/26,CCG,,,50"))
    assert "year '2024-25' is not a financial year" in message
    assert "year '2024/26'" in message
    assert "Row 3 has no category name" in message


def test_partial_amounts_and_missing_values() -> None:
    assert "or for none" in rejected(csv_bytes("2024/25,CCG,Acute,100,", "2024/25,CCG,Community,,"))
    assert "neither amount_gbp_m nor share_pct" in rejected(
        csv_bytes("2024/25,CCG,Acute,,100", "2024/25,CCG,B,,")
    )


def test_shares_and_amounts_that_disagree() -> None:
    message = rejected(csv_bytes("2024/25,CCG,Acute,75,50", "2024/25,CCG,Community,25,50"))
    assert "share_pct and amount_gbp_m disagree" in message


def test_unknown_pillar() -> None:
    data = csv_bytes(
        "2024/25,CCG,Acute,,100,Hospitals", header="year,body,category,amount_gbp_m,share_pct,pillars\n"
    )
    assert "pillars 'Hospitals' names something other than the plan's six pillars" in rejected(data)


def test_known_pillars_are_kept() -> None:
    header = "year,body,category,amount_gbp_m,share_pct,pillars\n"
    result = validate_budget(
        csv_bytes("2024/25,CCG,Acute,,100,Planned Care; Urgent Care", header=header), "b.csv"
    )
    assert result.ok and result.budget is not None
    assert result.budget["pillars"].iloc[0] == "Planned Care;Urgent Care"


def test_many_problems_are_capped() -> None:
    rows = [f"2024/25,Nobody{i},A{i},,1" for i in range(30)]
    result = validate_budget(csv_bytes(*rows), "b.csv")
    assert len(result.errors) == budget_upload.MAX_ERRORS + 1
    assert result.errors[-1].startswith("… and 18 more")


def test_html_and_formulas_are_kept_as_text_and_neutralised_on_download() -> None:
    from trafford_dash.store import export

    data = csv_bytes('2024/25,CCG,"=HYPERLINK(""http://x"")",,50', "2024/25,CCG,<b>Bold</b>,,50")
    result = validate_budget(data, "b.csv")
    assert result.ok and result.budget is not None
    assert result.budget["category"].tolist() == ['=HYPERLINK("http://x")', "<b>Bold</b>"]
    text = export.to_csv(budget_upload.to_template(result.budget))
    assert "'=HYPERLINK" in text


def test_parse_number_accepts_plain_money_and_percent_marks() -> None:
    assert budget_rows.parse_number("£1,234.5", "amount_gbp_m") == 1234.5
    assert budget_rows.parse_number("12.5%", "share_pct") == 12.5
    assert budget_rows.parse_number("  ", "share_pct") is None
    with pytest.raises(ValueError):
        budget_rows.parse_number("12.5%", "amount_gbp_m")


def test_to_template_round_trips() -> None:
    result = validate_budget(GOOD_SHARES, "b.csv")
    assert result.budget is not None
    again = validate_budget(
        budget_upload.to_template(result.budget).to_csv(index=False).encode(), "again.csv"
    )
    assert again.ok and again.budget is not None
    pd.testing.assert_frame_equal(again.budget, result.budget)


INVALID_CASES = {
    "shares not ~100%": (
        "shares.csv",
        csv_bytes("2024/25,CCG,A,,50", "2024/25,CCG,B,,20"),
        "add up to 70%, not 100%",
    ),
    "negative amount": ("negative.csv", csv_bytes("2024/25,CCG,A,-1,"), "is negative (-1)"),
    "unknown body": ("body.csv", csv_bytes("2024/25,PCT,A,,100"), "body 'PCT' is not known"),
    "duplicate category": (
        "dupes.csv",
        csv_bytes("2024/25,CCG,A,,50", "2024/25,CCG,a,,50"),
        "repeats the category",
    ),
    "text in numbers": ("text.csv", csv_bytes("2024/25,CCG,A,,lots"), "'lots' is not a number"),
    "empty file": ("empty.csv", b"", "is empty"),
    "non-CSV": ("budget.xlsx", GOOD_SHARES, "is not a CSV file"),
    "wrong encoding": (
        "latin.csv",
        "year,body,category,share_pct\n2024/25,CCG,Café,100\n".encode("cp1252"),
        "UTF-8",
    ),
    "over-size": ("big.csv", GOOD_SHARES + b" " * budget_upload.MAX_BYTES, "the limit is 1 MB"),
    "absurd amount": ("huge.csv", csv_bytes("2024/25,CCG,A,1e308,"), "above the £5,000m accepted"),
    "UTF-16": ("utf16.csv", GOOD_SHARES.decode().encode("utf-16"), "is UTF-16 text; save it as UTF-8 CSV"),
}


@pytest.mark.parametrize("case", list(INVALID_CASES))
def test_each_invalid_upload_leaves_the_accepted_budget_untouched(case: str) -> None:
    from trafford_dash.spend.ui import budget as spend_budget

    state: dict[str, object] = {}
    spend_budget.apply_result(state, validate_budget(GOOD_SHARES, "good.csv"), "good.csv")
    before_budget = state[spend_budget.SESSION_BUDGET]
    before_meta = state[spend_budget.SESSION_META]
    assert isinstance(before_budget, pd.DataFrame) and isinstance(before_meta, dict)
    kept, kept_meta = before_budget.copy(), dict(before_meta)

    name, data, message = INVALID_CASES[case]
    spend_budget.apply_result(state, validate_budget(data, name), name)

    kind, lines = state[spend_budget.SESSION_MESSAGE]  # type: ignore[misc]
    assert kind == "error"
    assert lines[0] == f"`{name}` was not used, and the figures on this page have not changed. Please fix:"
    assert message in " ".join(lines[1:])
    assert state[spend_budget.SESSION_BUDGET] is before_budget
    pd.testing.assert_frame_equal(before_budget, kept)
    assert state[spend_budget.SESSION_META] == kept_meta


def test_an_accepted_budget_asks_the_page_to_show_its_latest_year() -> None:
    from trafford_dash.spend.ui import budget as spend_budget

    state: dict[str, object] = {}
    two_years = csv_bytes("2023/24,CCG,Acute,,100", "2024/25,Council,Adult Client Costs,,100")
    spend_budget.apply_result(state, validate_budget(two_years, "two.csv"), "two.csv")
    assert state[spend_budget.SESSION_SHOW_YEAR] == "2024/25"
    kind, lines = state[spend_budget.SESSION_MESSAGE]  # type: ignore[misc]
    assert kind == "success" and "the page above now shows 2024/25" in lines[0]

    state.pop(spend_budget.SESSION_SHOW_YEAR)
    spend_budget.apply_result(state, validate_budget(b"", "bad.csv"), "bad.csv")
    assert spend_budget.SESSION_SHOW_YEAR not in state, "a refused file leaves the year alone"


def test_refusals_quote_the_files_text_as_it_is_on_one_line() -> None:
    hostile = 'lots\\ "of" <b>it</b>\n**now**'
    message = rejected(csv_bytes('2024/25,CCG,Acute,,"' + hostile.replace('"', '""') + '"'))
    assert "share_pct 'lots\\ \"of\" <b>it</b> **now**' is not a number" in message, message
    assert "binary" in rejected(b"year\x00", "budget\n<b>x</b>\u202e.csv")
    assert rejected(b"", "budget\n<b>x</b>.csv").startswith("budget <b>x</b>.csv is empty")


def test_quoted_text_is_shown_literally_on_the_page() -> None:
    from trafford_dash.spend.ui import budget as spend_budget

    state: dict[str, object] = {}
    hostile = csv_bytes('2024/25,"[x](http://e) :red[y] `z`",Acute,,100')
    spend_budget.apply_result(state, validate_budget(hostile, "b.csv"), "b.csv")
    _, lines = state[spend_budget.SESSION_MESSAGE]  # type: ignore[misc]
    for line in lines:
        shown = breakdown.escape_markdown(line)
        assert not re.search(r"[`*_\[\]()#<>:|!$&~-]", re.sub(r"\\.", "", shown)), shown
        assert re.sub(r"\\(.)", r"\1", shown) == line
    assert "body '[x](http://e) :red[y] `z`' is not known" in " ".join(lines)
