"""porteval.report: every sentence of the first screen is written from the numbers it quotes."""

import pandas as pd

from porteval.report import claims_screen, rests_on


def _claim(i, paper="supported", ours="holds", decision="same conclusion", p=1.0, section="5.2", **extra):
    return {
        "claim": f"c{i}",
        "id": f"c{i}",
        "paper": "zeng2022_cross_port",
        "section": section,
        "display": "Table 5",
        "wording": f"words {i}",
        "reading": f"reading {i}",
        "paper_tables": paper,
        "ours": ours,
        "decision": decision,
        "paper_numbers": "",
        "ours_numbers": "",
        "indicators_used": 4,
        "indicators_wanted": 19,
        "weight_covered": 0.09,
        "reading_dependent": False,
        "robustness": "robust" if p >= 0.9 else "fragile",
        "weakest_analysis": "data" if ours in ("holds", "fails") else "",
        "p_data": p,
        "p_data_low": p - 0.01,
        "p_data_high": min(p + 0.01, 1),
        "p_multiverse": p,
        "n_multiverse": 400,
        "multiverse_decided_by": "weighting: entropy 10%, equal 90%",
        **extra,
    }


def test_the_claims_sentences_count_what_the_table_holds_and_move_with_it():
    rows = [
        _claim(1),
        _claim(2, ours="fails", decision="differs on part of the index"),
        _claim(3, paper="contradicted", ours="fails"),
        _claim(4, ours="not reproducible", decision="cannot tell"),
        _claim(5, p=0.5),
    ]
    lines = claims_screen(pd.DataFrame(rows))
    text = " ".join(lines)
    assert "We test 5 readings of 5 conclusions" in text and "support 4 of them" in text
    assert "contradict 1: “reading 3” (§5.2)" in text
    assert "can test 4 of them: 2 hold and 2 fail, each with 4–4 of the indicators it rests on (9%–9%" in text
    assert "2 same conclusion, 1 differs on part of the index, 1 same conclusion" not in text
    assert "3 same conclusion, 1 differs on part of the index" in text and "The other 1 need indicators" in text
    assert "revers" not in text  # no row is reversed on the same indicators: the word is never used
    # One sentence per claim that holds, each with its own numbers.
    assert "“reading 5” (§5.2) holds on our data (4 of its 19 indicators, 9% of their weight)" in text
    assert "fragile, holding in 50.0% (49.0%–51.0%) of data" in text
    assert "holds in 50% of 400 specifications, turning on weighting: entropy 10%, equal 90%" in text
    moved = " ".join(claims_screen(pd.DataFrame([*rows[:4], _claim(5, p=0.25)])))
    assert "holding in 25.0% (24.0%–26.0%) of data" in moved and "50.0%" not in moved


def test_only_a_disagreement_on_the_same_indicators_is_called_a_reversal():
    rows = [_claim(1, ours="fails", decision="reversed on the same indicators"), _claim(2)]
    text = " ".join(claims_screen(pd.DataFrame(rows)))
    assert "1 reversed on the same indicators" in text
    assert "“reading 1” (§5.2) fails on our data" in text  # a reversal is told in its own sentence
    explained = " ".join(
        claims_screen(
            pd.DataFrame(
                [
                    _claim(
                        1,
                        ours="fails",
                        decision="explained by missing indicators",
                        paper_restricted="contradicted",
                        missing_indicators="C71 C72",
                    )
                ]
            )
        )
    )
    assert (
        "“reading 1” (§5.2) fails on our data (4 of its 19 indicators, 9% of their weight), and the paper's own tables"
        in explained
    )
    assert "restricted to the same indicators contradict it too: explained by missing indicators (C71 C72)" in explained
    assert "revers" not in explained
    part = " ".join(claims_screen(pd.DataFrame([_claim(1, ours="fails", decision="differs on part of the index")])))
    assert (
        "**Differs on part of the index**" in part
        and "“reading 1” (§5.2, 9% of the weight) fail on our data, which test a different index" in part
    )


def test_a_claim_whose_readings_disagree_is_told_as_reading_dependent():
    rows = [
        _claim(1, ours="not reproducible", paper="contradicted", claim="c", reading_dependent=True),
        _claim(2, ours="not reproducible", claim="c", reading_dependent=True),
    ]
    text = " ".join(claims_screen(pd.DataFrame(rows)))
    assert "2 readings of 1 conclusion that" in text
    assert "**Depends on its reading** (§5.2, “words 1”): “reading 1”: the paper's tables contradicted" in text


def test_what_a_study_rests_on_quotes_its_summary_row():
    summary = pd.DataFrame(
        [
            {
                "comparison": "2014-2020",
                "heaviest_indicator": "C63",
                "heaviest_weight": 0.8,
                "effective_indicators": 1.5,
                "best_without_heaviest": "2020",
                "verdict_first": "robust",
                "verdict_order": "fragile",
            }
        ]
    )
    study = {"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"], "years": [2014, 2020]}
    (line,) = rests_on({"s": summary}, {"s": study})
    assert "C63 carries 80% of the weight (1.5 effective indicators)" in line and "robust" in line
    assert line.startswith("**What the ranking of Ningbo-Zhoushan Port 2014-2020 rests on:**")
    (other,) = rests_on({"s": summary.assign(heaviest_weight=0.3)}, {"s": study})
    assert "30%" in other and "80%" not in other


def test_what_a_study_rests_on_without_a_leave_out_analysis_says_less_and_does_not_fail():
    summary = pd.DataFrame(
        [
            {
                "comparison": "2014-2014",
                "heaviest_indicator": "C21",
                "heaviest_weight": 0.5,
                "effective_indicators": 2.0,
                "verdict_first": "robust",
                "verdict_order": "fragile",
            }
        ]
    )
    (line,) = rests_on({"s": summary}, {"s": {"kind": "cross_port", "ports": ["A", "B"], "years": [2014, 2014]}})
    assert "without it" not in line and "50%" in line


def test_claims_without_robustness_or_a_multiverse_are_still_told():
    rows = [
        _claim(1, weakest_analysis=float("nan"), n_multiverse=0),
        _claim(2, ours="not reproducible", decision="cannot tell"),
    ]
    frame = pd.DataFrame(rows).assign(paper_numbers=float("nan"), ours_numbers=float("nan"))  # empty columns, as read
    text = " ".join(claims_screen(frame))
    assert "We test 2 readings" in text and "weakest analysis" not in text and "multiverse" not in text


def test_the_sources_table_takes_an_empty_note_column_read_as_numbers():
    from porteval.report import sources_table

    sources = pd.DataFrame(
        [
            {
                "source_id": "s",
                "kind": "table",
                "title": "T",
                "publisher": "P",
                "url": "https://example.org",
                "reference": "",
                "date": "",
            }
        ]
    )
    observations = pd.DataFrame({"source_id": ["s", "s"], "value": [1.0, 2.0], "note": [float("nan"), float("nan")]})
    table = sources_table(sources, observations)
    assert table.loc[0, "values"] == 2 and table.loc[0, "title"] == "[T](https://example.org)"
    assert table.loc[0, "source"] == "s (P)"  # the publisher said where it is not the site the id names


HOSTILE = [
    "<script>alert('title')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(2)'>x</a>",
]


def test_data_text_renders_as_text_in_the_report_html():
    import nbformat

    from porteval.notebook import to_html
    from porteval.report import safe_markdown

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output("display_data", {"text/markdown": safe_markdown(f"**Source**: {text}")}) for text in HOSTILE
    ]
    cell.outputs.append(nbformat.v4.new_output("display_data", {"text/markdown": safe_markdown("[a page](https://example.org)")}))
    nb.cells = [cell]
    html = to_html(nb, "t")
    assert "<script>alert" not in html and "onerror=alert(1)>" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert" in html and 'href="https://example.org"' in html  # shown, and a real link kept


def test_unsafe_html_is_cleaned_not_refused():
    """Markdown that was not passed through safe_markdown is sanitised: the report job never fails on a text (a
    failed job's outputs, the last good report among them, are deleted by Snakemake)."""
    import nbformat

    from porteval.notebook import to_html

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": text}) for text in HOSTILE]
    nb.cells = [cell]
    html = to_html(nb, "t")
    assert "alert" not in html[html.index("<body") :] and "<img" not in html


def test_a_source_link_is_made_only_for_a_web_page():
    from porteval.report import sources_table

    sources = pd.DataFrame(
        [
            {"source_id": s, "kind": "table", "title": "T", "publisher": "P", "url": u, "reference": "r", "date": ""}
            for s, u in (("a", "https://example.org/a b)"), ("b", "javascript:alert(1)"))
        ]
    )
    observations = pd.DataFrame({"source_id": ["a", "b"], "value": [1.0, 2.0], "note": ["", ""]})
    titles = sources_table(sources, observations)["title"]
    assert list(titles) == ["[T](https://example.org/a%20b%29)", "T (r)"]  # not a web page: the title and its reference
    hostile = sources.assign(title="x](javascript:alert(1)) [y", url="https://example.org")
    (title, _) = sources_table(hostile, observations)["title"]
    assert title == "[x\\](javascript:alert(1)) \\[y](https://example.org)"  # brackets escaped: one link, to the page


def test_a_long_title_is_cut_at_a_word_and_says_so():
    from porteval.report import shortened

    assert shortened("short") == "short"
    text = "Shenzhen (Guangdong) City Information — Major Economic Indicators 2017/2018 (HKTDC Research, a page)"
    cut = shortened(text)
    assert cut.endswith("…") and len(cut) <= 81 and text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert shortened("宁" * 100) == "宁" * 80 + "…"  # no word boundary: cut at the limit


def test_a_failed_run_marks_the_earlier_report_once_with_its_log_escaped(tmp_path):
    from porteval.report import mark_stale

    page = tmp_path / "report.html"
    assert not mark_stale(page, "x.log")  # no report yet: nothing to mark
    page.write_text('<html><head></head><body class="jp-Notebook"><p>old</p></body></html>', encoding="utf-8")
    assert mark_stale(page, "<b>.log")
    text = page.read_text(encoding="utf-8")
    assert text.index("Stale: the latest run failed (its log: &lt;b&gt;.log)") < text.index("<p>old</p>")
    assert not mark_stale(page, "again.log") and page.read_text(encoding="utf-8") == text


def test_the_stale_banner_names_snakemakes_list_of_logs_in_words(tmp_path):
    from porteval.report import mark_stale

    page = tmp_path / "report.html"
    for logs, said in [(["/r/.snakemake/log/a.log"], "(its log: /r/.snakemake/log/a.log)"), ([], "failed. This")]:
        page.write_text("<html><body><p>old</p></body></html>", encoding="utf-8")
        assert mark_stale(page, logs)
        text = page.read_text(encoding="utf-8")
        assert said in text and "['" not in text


def test_every_chinese_character_of_the_shipped_data_has_a_glyph_in_the_embedded_font():
    """A character outside the shipped subset (fonts/README.md) would print as a box on a machine without CJK fonts."""
    import re
    from pathlib import Path

    from fontTools.ttLib import TTFont

    from porteval.notebook import _CJK, CJK_FONT

    root = Path(__file__).resolve().parents[1]
    files = [root / "data/sources.csv", root / "config/indicators.yaml", root / "config/entities.yaml"]
    used = set(_CJK.findall("".join(f.read_text(encoding="utf-8") for f in [*files, *(root / "data/raw").glob("*.csv")])))
    cmap = TTFont(CJK_FONT).getBestCmap()
    assert len(used) > 300 and sorted(c for c in used if ord(c) not in cmap) == []
    assert re.fullmatch(_CJK, "個") and ord("個") in cmap  # traditional characters too (Big5 level 1)


def test_the_embedded_font_holds_only_the_characters_used_and_is_the_same_every_time():
    from porteval.notebook import cjk_font_css

    assert cjk_font_css("no Chinese here") == ""
    few, more = cjk_font_css("宁波港"), cjk_font_css("宁波舟山港 上海港 深圳港 大连港")
    assert few == cjk_font_css("港波宁") and few != more and len(few) < len(more) < 20_000
    assert 'font-family: "porteval CJK"' in few and "unicode-range: U+2E80-9FFF" in few


def test_a_figure_carries_its_alt_text_escaped_and_a_print_size_from_its_shape(tmp_path):
    import base64

    from porteval.notebook import _HEADER_CELL, _breakable
    from porteval.report import WIDE_PX, figure_html

    def png(name, width, height):
        path = tmp_path / f"{name}.png"
        header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big")
        path.write_bytes(header + bytes(8))
        return str(path)

    high, wide, half = png("high", 100, 300), png("wide", WIDE_PX + 1, 900), png("half", 1400, 600)
    assert 'class="tall"' in figure_html([(high, "a")]) and 'class="tall"' in figure_html([(wide, "a")])
    assert 'class="half"' in figure_html([(half, "a")])
    pair = figure_html([(half, "Weights of <b>X</b>"), (high, "b")])
    assert pair.count('class="pair"') == 2 and 'alt="Weights of &lt;b&gt;X&lt;/b&gt;"' in pair
    assert base64.b64encode(open(half, "rb").read()).decode() in pair
    assert _HEADER_CELL.sub(_breakable, "<th>a_b</th><td>c_d</td>") == "<th>a_<wbr>b</th><td>c_d</td>"


def test_columns_and_tables_are_shown_in_words_and_every_published_table_has_a_name():
    from porteval.papers import PAPERS, short_id
    from porteval.report import column_label, table_labels

    assert column_label("published_utility_pct") == "published utility (%)" and column_label("q") == "Q"
    assert column_label("p_best_first_uniform_weights") == "best first: uniform weights"
    assert column_label("p_rank_changed") == "P(rank changes)" and column_label("p_data") == "P(data)"
    assert column_label("cargo_throughput_10k_tons") == "cargo throughput (10k t)" and column_label("2014") == "2014"
    labels = table_labels()
    assert labels["table6"] == "Zeng et al. (2022) Table 6, four ports by year"
    assert labels["zhang_table2"].startswith("Zhang Table 2")
    # Every registered table under its own short id (none lost to another's), cited with its registry words.
    registered = [(short_id(t), e, spec) for e in PAPERS.values() for t, spec in e["tables"].items()]
    assert len(labels) == len(registered)
    assert all(labels[short] == f"{e['citation']} {spec['label']}, {spec['title']}" for short, e, spec in registered)


def test_a_differing_utility_is_shown_in_percent_and_outside_its_shown_interval():
    from porteval.report import differs_view

    card = pd.DataFrame(
        [
            {
                "table": "table3",
                "row": "X2",
                "column": "2015",
                "published": 0.733,
                "reproduced": 0.73354,
                "allowed_low": 0.7325,
                "allowed_high": 0.7335,
                "status": "differs",
                "decision": "",
                "note": "",
            },
            {
                "table": "table2",
                "row": "C31",
                "column": "weight",
                "published": 0.028,
                "reproduced": 0.0397,
                "allowed_low": 0.0271,
                "allowed_high": 0.0289,
                "status": "differs",
                "decision": "",
                "note": "",
            },
            {
                "table": "table2",
                "row": "C21",
                "column": "weight",
                "published": 0.021,
                "reproduced": 0.021,
                "allowed_low": 0.0205,
                "allowed_high": 0.0215,
                "status": "reproduced",
                "decision": "",
                "note": "",
            },
        ]
    )
    shown = differs_view(card)
    assert list(shown["table"]) == ["Zeng et al. (2022) Table 3", "Zeng et al. (2022) Table 2"]
    assert list(shown["unit"]) == ["utility (%)", "as printed"]
    assert list(shown["published"]) == ["73.3", "0.028"] and list(shown["allowed_high"]) == ["73.35", "0.0289"]
    for r in shown.itertuples():  # display rounding never puts a differing number inside its interval
        assert not float(r.allowed_low) <= float(r.reproduced) <= float(r.allowed_high)


def test_long_tables_are_folded_into_one_row_per_alternative_or_indicator():
    from porteval.report import breaks_sentence, dropped_table, uncertainty_table

    data = pd.DataFrame(
        [
            {"imputation": m, "alternative": a, "baseline_rank": r, "p_rank_changed": p, "rank_min": lo, "rank_max": hi}
            for m, rows in (
                ("linear", [("B", 2, 0.5, 1, 2), ("A", 1, 0.0, 1, 1)]),
                ("pchip", [("A", 1, 0.25, 1, 2), ("B", 2, 0.0, 2, 2)]),
            )
            for a, r, p, lo, hi in rows
        ]
    )
    wide = uncertainty_table(data)
    assert list(wide["alternative"]) == ["A", "B"] and list(wide["rank"]) == [1, 2]
    assert list(wide["P(rank changes), linear"]) == [0.0, 0.5] and list(wide["ranks, pchip"]) == ["1–2", "2"]
    dropped = pd.DataFrame(
        {"indicator": ["C11", "C11", "C35"], "entity": ["P2", "P1", "City"], "reason": ["no observed value"] * 3}
    )
    assert dropped_table(dropped).to_dict("records") == [
        {"indicator": "C11", "entity": "P1, P2", "reason": "no observed value"},
        {"indicator": "C35", "entity": "City", "reason": "no observed value"},
    ]
    breaks = pd.DataFrame([{"entity": "Dalian", "indicator": "C31", "year_before": 2014, "year": 2015, "change": -0.257}])
    assert breaks_sentence(breaks, "2014-2020").endswith(": Dalian C31 2014→2015 (-26%).")
    assert breaks_sentence(breaks.iloc[:0], "2014-2020") == "No level break inside 2014-2020."


def test_dominance_is_listed_when_short_and_counted_when_long():
    from porteval.report import dominance_sentence

    years = [str(y) for y in range(2014, 2021)]
    rows = [{"a": a, "b": b, "dominates": a > b and not (a, b) == ("2020", "2019")} for a in years for b in years if a != b]
    text = dominance_sentence(pd.DataFrame(rows), "2014-2020")
    assert text.startswith("Dominance in 2014-2020: in 20 of the 21 pairs") and text.endswith("neither dominates in 2019–2020.")
    few = pd.DataFrame([{"a": "A", "b": "B", "dominates": True}, {"a": "B", "b": "A", "dominates": False}])
    assert dominance_sentence(few, "2018").endswith(": A over B.")


def test_a_figure_of_all_ones_or_all_zeros_becomes_the_sentence_that_says_so():
    from porteval.report import acceptability_sentence, agreement_sentence, rank_change_sentence, years_sentence

    acc = pd.DataFrame(
        [
            {"sampling": s, "alternative": a, "rank": r, "probability": float(r == own)}
            for s in ("dirichlet", "uniform")
            for a, own in (("2015", 1), ("2014", 2))
            for r in (1, 2)
        ]
    )
    said = acceptability_sentence(acc)
    assert said.startswith("Under weight uncertainty every alternative keeps one rank in every draw")
    assert "(Dirichlet weights and uniform weights): 2015 1, 2014 2" in said
    moved = acc.assign(probability=acc["probability"].where(acc.index != 0, 0.9))
    assert acceptability_sentence(moved) is None
    summary = pd.DataFrame(
        {"comparison": ["2014-2015", "2014", "2015"], "best": ["A", "A", "B"], "p_best_first_dirichlet_weights": [0.7, 1.0, 1.0]}
    )
    assert years_sentence(summary, "2014-2015").endswith(": A in 2014; B in 2015; no figure.")
    assert years_sentence(summary.assign(p_best_first_dirichlet_weights=[1.0, 1.0, 0.99]), "2014-2015") is None

    agree = pd.DataFrame({"method_a": ["COPRAS", "COPRAS"], "method_b": ["COPRAS", "TOPSIS"], "spearman": [1.0, 1.0]})
    assert agreement_sentence(agree).startswith("Every method ranks the alternatives alike (COPRAS, TOPSIS): spearman")
    assert agreement_sentence(agree.assign(spearman=[1.0, 0.8])) is None
    data = pd.DataFrame({"imputation": ["linear", "linear"], "p_rank_changed": [0.0, 0.0]})
    assert rank_change_sentence(data).startswith("No alternative's rank changes in any draw")
    assert rank_change_sentence(data.assign(p_rank_changed=[0.0, 0.01])) is None


def test_the_channel_of_a_source_comes_from_its_url_and_the_first_screen_counts_the_copies():
    from porteval.report import channel, channel_sentence

    assert channel("https://github.com/someone/repo/blob/x.xls") == "copy in a public code repository"
    assert channel("http://www.pastebin.com/abc") == "copy on a paste site"
    assert channel("https://www.sz.gov.cn/page") == "publisher or press" and channel("") == "printed or cited"
    table = pd.DataFrame(
        {"channel": ["copy in a public code repository", "publisher or press", "copy on a paste site"], "values": [6, 3, 1]}
    )
    said = channel_sentence(table)
    assert said.startswith("**Channels.** 7 of the 10 raw values (70%) reached us through third-party copies")
    assert "copy in a public code repository: 6; copy on a paste site: 1" in said
    own = pd.DataFrame(
        {
            "source": ["example"],
            "title": ["[SYNTHETIC values for the worked example](https://example.org/harbours)"],
            "channel": ["publisher or press"],
            "values": [36],
        }
    )
    said = channel_sentence(own)  # the own-study example: one SYNTHETIC source, named, not called a publisher
    assert said.startswith("**Channels.** The 36 raw values come from 1 source, none through a third-party copy")
    assert "(by URL: 36 on a web page that is no known copy): example, [SYNTHETIC values" in said
    assert "publishers' pages" not in said
    more = pd.concat(
        [own.assign(source=f"s{i}", values=i + 1) for i in range(4)] + [own.assign(channel="printed or cited", values=2)]
    )
    said = channel_sentence(more)
    assert "from 5 sources" in said and "10 on a web page that is no known copy; 2 printed or cited" in said and "s0" not in said


def test_the_report_names_its_commit_and_tree_or_says_there_was_no_checkout():
    from porteval.provenance import NOT_A_CHECKOUT
    from porteval.report import made_from_sentence

    run = {"git_commit": "abc123", "git_modified_files": [], "python": "3.11.7"}
    run["packages"] = {"snakemake": "9", "pandas": "3", "numpy": "2"}
    assert made_from_sentence(run).startswith("Made from git commit `abc123` (a clean tree), with Python 3.11.7,")
    changed = made_from_sentence({**run, "git_modified_files": ["README.md", "workflow/porteval/__init__.py"]})
    # each path as code: `__init__` unquoted would be Markdown's bold
    assert changed.startswith(
        "Made from git commit `abc123` as modified in 2 tracked file(s): `README.md`, `workflow/porteval/__init__.py`, with"
    )
    outside = made_from_sentence({**run, "git_commit": NOT_A_CHECKOUT})
    assert outside.startswith("Made outside a git checkout (no commit to name), with") and "clean" not in outside


def test_who_states_the_claims_where_and_their_weights_table_come_from_the_registry():
    from porteval.report import claims_by

    frame = pd.DataFrame(
        {
            "paper": ["zeng2022_longitudinal", "zeng2022_longitudinal", "zeng2022_cross_port", "zeng2022_cross_port"],
            "section": ["5.2", "Abstract", "5.4", "Table 5"],
        }
    )
    assert claims_by(frame) == {"citation": "Zeng et al. (2022)", "sections": "abstract, §5, Table 5", "weights": "Table 2"}
    zhang = claims_by(pd.DataFrame({"paper": ["zhang2"], "section": ["3"]}))  # an entry with no weights table
    assert zhang == {"citation": "Zhang", "sections": "§3", "weights": ""}
    assert " of their weight" not in " ".join(claims_screen(pd.DataFrame([{**_claim(1), "weight_covered": float("nan")}])))


def test_one_claim_is_one_reading_of_one_conclusion_and_three_papers_are_listed():
    from porteval.reproductions import report_title

    assert "We test 1 reading of 1 conclusion that " in " ".join(claims_screen(pd.DataFrame([_claim(1)])))
    assert "We test 2 readings of 2 conclusions that " in " ".join(claims_screen(pd.DataFrame([_claim(1), _claim(2)])))
    registry = {p: {"citation": c} for p, c in (("a", "A (2020)"), ("b", "B"), ("c", "C (2021)"))}
    assert (
        report_title(["a", "b", "c"], [], registry)
        == "Port logistics evaluation: A (2020), B and C (2021) re-done from public statistics"
    )
    assert report_title(["a", "b"], [], registry) == "Port logistics evaluation: A (2020) and B re-done from public statistics"
