"""porteval.figures: figures are the same bytes every time, and drawn so that they can be read in print."""

import numpy as np
import pandas as pd

from porteval import figures

COLORS = {"sourced": "#2b6c9e", "interpolated": "#8fbfe0", "missing": "#eeeeee"}


def _coverage(rows: int) -> pd.DataFrame:
    cells = [
        {"entity": f"E{r // 4:02d}", "indicator": f"C{r % 4}", "year": y, "coverage": "sourced" if (r + y) % 3 else "missing"}
        for r in range(rows)
        for y in (2014, 2015, 2016)
    ]
    return pd.DataFrame(cells).assign(level_break="")


def test_a_figure_is_the_same_bytes_every_time(tmp_path):
    frame = pd.DataFrame({"a": [0.1, 0.5, 0.9], "b": [0.2, 0.4, 0.3]}, index=["2014", "2015", "2016"])
    first = figures.save(figures.lines(frame, "t", "p"), tmp_path / "one")
    second = figures.save(figures.lines(frame, "t", "p"), tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_the_coverage_map_puts_its_rows_in_panels_side_by_side():
    few = figures.coverage_map(_coverage(20), COLORS, "t")
    many = figures.coverage_map(_coverage(76), COLORS, "t")
    assert len(few.axes) == 1 and len(many.axes) == 3  # at most COVERAGE_ROWS_PER_PANEL rows a panel
    width, height = many.get_size_inches()
    assert width > height  # drawn for the page's width, not a column higher than a printed page


def test_rank_bars_carry_their_rank_where_there_is_room():
    panel = pd.DataFrame({1: [0.9, 0.1], 2: [0.1, 0.9]}, index=["A", "B"])
    fig = figures.rank_probabilities({"p": panel}, "t")
    written = sorted(t.get_text() for t in fig.axes[0].texts)
    assert written == ["1", "1", "2", "2"]  # 0.1 is wide enough (>= 0.06) for its number too
    tiny = figures.rank_probabilities({"p": pd.DataFrame({1: [0.97, 0.03], 2: [0.03, 0.97]}, index=["A", "B"])}, "t")
    assert sorted(t.get_text() for t in tiny.axes[0].texts) == ["1", "2"]


def test_heatmap_labels_are_light_on_both_dark_ends():
    fig = figures.heatmap(pd.DataFrame(np.array([[0.0, 0.5, 1.0]]), columns=["a", "b", "c"]), "t", "p", 0, 1)
    colors = [t.get_color() for t in fig.axes[0].texts]
    assert colors == ["white", "black", "white"]
