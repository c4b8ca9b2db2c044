"""porteval.curation: the written precedence rule (data/README.md) keeps one dossier value per cell and says why
every other lost: usable before not, the series' own source, then qualifier, vintage, authority, precision."""

import pandas as pd
import pytest

from porteval.curation import classify, publisher_for, select, significant_digits, source_id_for


@pytest.mark.parametrize(
    ("note", "title", "expected"),
    [
        ("", "交通运输部 统计公报", ("exact", "official")),
        ("APPROXIMATE: '约2.4亿吨'", "a newspaper", ("approximate", "press")),
        ("lower bound: 'more than 10,000'", "SIPG annual report", ("lower_bound", "operator")),
        ("COMPANY SCOPE: the group's own berths", "交通运输部", ("suspect", "official")),
        ("derived = 1.5 / (1+0.05)", "World Shipping Council", ("derived", "compilation")),
        ("an aggregator page, low-authority", "some site", ("exact", "low_authority")),
    ],
)
def test_a_rows_caveats_give_its_qualifier_and_authority(note, title, expected):
    row = pd.Series({"year": 2016, "note": note, "source_title": title, "source_url": ""})
    got = classify(row)
    assert (got["qualifier"], got["authority"]) == expected and got["excluded"] == ""


def test_rows_of_another_measure_or_year_are_excluded_and_a_mention_of_another_rows_flag_is_not_a_caveat():
    assert classify(pd.Series({"year": 2009, "note": ""}))["excluded"].startswith("year outside")
    assert "another measure" in classify(pd.Series({"year": 2016, "note": "measure=财政总收入"}))["excluded"]
    row = pd.Series({"year": 2017, "note": "other files recorded it under 2018 with a YEAR SUSPECT flag", "source_title": "NBS"})
    assert classify(row)["qualifier"] == "exact"


def _candidates(rows):
    columns = ["entity", "indicator", "year", "value", "source_id", "qualifier", "authority", "vintage", "excluded"]
    return pd.DataFrame(rows, columns=columns)


def test_the_series_source_wins_each_year_it_has_and_the_rule_decides_the_others():
    port, code = "Dalian Port", "C21"
    rows = [
        (port, code, y, v, "nbs", "exact", "official", "revised", "")
        for y, v in ((2014, 42337.0), (2015, 41482.0), (2016, 42900.0))
    ]
    rows += [
        (
            port,
            code,
            2015,
            41500.0,
            "bulletin",
            "exact",
            "official",
            "first_published",
            "",
        ),  # first-published, but not the series'
        (port, code, 2017, 45100.0, "press", "exact", "press", "first_published", ""),
        (port, code, 2017, 45100.0, "operator", "exact", "operator", "first_published", ""),
        (port, code, 2018, 46000.0, "bound", "lower_bound", "official", "first_published", ""),
        (port, code, 2018, 0.0, "x", "exact", "official", "first_published", "another measure"),
    ]
    decided = select(_candidates(rows)).set_index(["year", "source_id"])
    kept = decided[decided["decision"] == "kept"].reset_index()
    assert dict(zip(kept["year"], kept["source_id"], strict=True)) == {
        2014: "nbs",
        2015: "nbs",
        2016: "nbs",
        2017: "operator",
        2018: "bound",
    }
    assert decided.loc[(2015, "nbs"), "reason"] == "series source (3 years of the series)"
    assert decided.loc[(2015, "bulletin"), "reason"] == "series: the kept value is from the series source nbs"
    assert decided.loc[(2017, "press"), "reason"] == "authority: press loses to the kept operator"
    assert decided.loc[(2018, "x"), "decision"] == "rejected" and decided.loc[(2018, "x"), "reason"] == "another measure"


def test_digits_hosts_and_ids():
    assert [significant_digits(v) for v in (41482.0, 1314.7, 0.0305, 1200.0)] == [5, 5, 3, 2]
    assert publisher_for("https://github.com/owner/repo/blob/main/x.csv") == "github.com/owner/repo"
    assert publisher_for("http://www.mot.gov.cn/a") == "mot.gov.cn"
    assert (
        source_id_for("http://www.mot.gov.cn/a")
        == source_id_for("http://www.mot.gov.cn/a")
        != source_id_for("http://www.mot.gov.cn/b")
    )
    assert source_id_for("http://www.mot.gov.cn/a").startswith("mot.gov.cn#")
