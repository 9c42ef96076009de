"""The renderings on their own: the SVG charts are accessible and draw nothing a suppressed
cell would give away, CSV is Excel-ready and never runs a formula, the prompts refuse a
mistyped placeholder at load."""

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from application.insights.charts import chart_svg
from application.insights.report import figure_csv
from application.insights.schemas import Cell, Chart, Column, Figure, Row
from prompts import PromptsError, load_prompt_file
from prompts.insights import INSIGHTS_PROMPTS_DIR, InsightsPrompts, load_insights_prompts

SVG = "{http://www.w3.org/2000/svg}"
HIDDEN = Cell(suppressed=True)


def regions(*, skip_zero: bool = False) -> Figure:
    rows = [Row(key="daejeon", label="대전", cells=[Cell(value=12), Cell(value=80.0)]),
            Row(key="seoul", label="서울", cells=[HIDDEN, HIDDEN]),
            Row(key="busan", label="=부산", cells=[Cell(value=0), Cell(value=0)])]
    return Figure(key="regions", title="지역별 사례", note="", rows=rows,
                  columns=[Column(key="cases", label="사례", kind="count"),
                           Column(key="share", label="비율", kind="percent")],
                  total=Row(key="total", label="합계", cells=[Cell(value=15), Cell(value=100)]),
                  chart=Chart(column="cases", skip_zero=skip_zero))


def test_a_bar_chart_is_a_named_image_with_every_value_in_text() -> None:
    svg = chart_svg(regions())
    assert svg is not None
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "지역별 사례"
    assert desc.text is not None and "대전: 12" in desc.text and "서울: 5 미만" in desc.text
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["대전", "12", "서울", "5 미만", "=부산", "0"]
    # Tracks for all three rows; a bar only for Daejeon: the suppressed row has no length to measure.
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#1f4e8c"]
    assert len(bars) == 1


def test_long_lists_leave_their_zero_rows_to_the_table() -> None:
    svg = chart_svg(regions(skip_zero=True))
    assert svg is not None
    texts = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "=부산" not in texts and "0인 항목은 표에만 있어요." in svg


def test_a_stacked_chart_merges_hidden_cells_into_one_hatched_part() -> None:
    bands = [Column(key=b, label=b, kind="count") for b in ("basic", "average", "moderately_advanced", "advanced",
                                                           "unknown")]
    figure = Figure(key="readiness", title="준비도", note="", columns=bands, base=Cell(value=10),
                    rows=[Row(key="cloud", label="클라우드", cells=[Cell(value=7), HIDDEN, HIDDEN, Cell(value=0),
                                                                  Cell(value=0)])],
                    chart=Chart(kind="stacked", segments=[c.key for c in bands]))
    svg = chart_svg(figure)
    assert svg is not None
    root = ET.fromstring(svg)
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("height") == "15.0"]  # not the legend's swatches
    assert [r.get("fill", "")[:4] for r in bars] == ["#cfe", "url("]
    # The two hidden bands are one part, 10 − 7 of the width: known from the table already.
    assert float(bars[1].get("width", 0)) == pytest.approx(float(bars[0].get("width", 0)) * 3 / 7, abs=0.2)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text is not None and "average 5 미만" in desc.text


def test_csv_is_excel_ready_and_runs_no_formula() -> None:
    data = figure_csv(regions())
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["항목", "사례", "비율"], ["대전", "12", "80"], ["서울", "<5", "<5"], ["'=부산", "0", "0"],
                    ["합계", "15", "100"]]


def test_the_prompts_load_and_refuse_a_mistyped_placeholder(tmp_path: Path) -> None:
    assert load_insights_prompts().suppressed == "5 미만"
    broken = (INSIGHTS_PROMPTS_DIR / "ko.yaml").read_text(encoding="utf-8").replace("{days}일이", "{dayz}일이")
    path = tmp_path / "ko.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PromptsError, match="dayz"):
        load_prompt_file(path, InsightsPrompts, {}, "insights/ko.yaml")
