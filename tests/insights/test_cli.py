"""`intake report monthly` through the real command on both databases: the same figures as
HTML, PDF (Korean text extractable) and CSV (UTF-8 with a byte-order mark), and a clear
refusal of a month that is not one."""

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from application.calendar import korean_date
from application.cli import app
from application.store.models import utc_now
from prompts.insights import FIGURES
from tests.casework.helpers import World

FIRMS = 5


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INTAKE_DATABASE_URL", database_url)


def report(month: str, format: str, output: Path) -> None:
    result = CliRunner().invoke(app, ["report", "monthly", "--month", month, "--format", format, "--output",
                                      str(output)])
    assert result.exit_code == 0, result.output
    assert f"Wrote the {format.upper()} report of {month}" in result.output


def test_the_monthly_report_in_every_format(world: World, cli_env: None, tmp_path: Path) -> None:
    for _ in range(FIRMS):
        world.intake()
    today = korean_date(utc_now())
    month = today.strftime("%Y-%m")
    title = f"{today.year}년 {today.month}월 월간 운영 보고서"

    report(month, "html", tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in html and 'role="img"' in html
    assert "<th scope=\"row\">대전</th>" in html and html.count('class="figure card"') == len(FIGURES)

    report(month, "csv", tmp_path / "report.csv")
    raw = (tmp_path / "report.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [title]
    regions = rows.index(["지역별 사례"])
    assert rows[regions + 1] == ["항목", "사례", "비율"]
    assert ["대전", str(FIRMS), "100"] in rows[regions:]
    assert ["서울", "0", "0"] in rows[regions:]

    report(month, "pdf", tmp_path / "report.pdf")
    pdf = PdfReader(tmp_path / "report.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert title in text and "지역별 사례" in text and "대전" in text and "5 미만" in text


def test_a_month_that_is_not_one_is_refused(cli_env: None, tmp_path: Path) -> None:
    for month in ("2026-13", "November", "2026-1"):
        result = CliRunner().invoke(app, ["report", "monthly", "--month", month, "--output", str(tmp_path / "x")])
        assert result.exit_code == 2
        assert "is not a month; write it as YYYY-MM" in result.output
        assert not (tmp_path / "x").exists()
