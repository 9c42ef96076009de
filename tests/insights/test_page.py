"""/admin/insights through real HTTP on the session's service: staff and admins only (a
login first, 403 for mentors), charts with their tables, a date range, and each figure as a
CSV file (UTF-8 with BOM) holding exactly the page's published cells."""

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from application.accounts import Role
from application.insights.report import figure_csv
from application.insights.schemas import Period
from application.runtime import Runtime
from application.settings import Settings
from prompts.insights import FIGURES
from tests.accounts.conftest import login, make_user
from tests.intake_answers import run_intake
from web.app import create_app
from web.pages.insights import default_period

PAGE = "/admin/insights"


@pytest.fixture
def client(settings: Settings, runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(settings, runtime=runtime)) as test_client:
        yield test_client


def test_only_staff_and_admins_see_it(client: TestClient, runtime: Runtime) -> None:
    for path in (PAGE, f"{PAGE}/regions.csv"):
        anonymous = client.get(path, follow_redirects=False)
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    for role in (Role.mentor, Role.lead, Role.expert):
        user = make_user(runtime.accounts, role)
        assert login(client, user.email)[0] == 303
        assert client.get(PAGE).status_code == 403
        assert client.get(f"{PAGE}/regions.csv").status_code == 403
        assert f'href="{PAGE}"' not in client.get("/console").text
        client.cookies.clear()
    for role in (Role.staff, Role.admin):
        user = make_user(runtime.accounts, role)
        assert login(client, user.email)[0] == 303
        assert client.get(PAGE).status_code == 200
        assert f'href="{PAGE}"' in client.get("/console").text
        client.cookies.clear()


def test_the_page_and_its_csv_files(client: TestClient, runtime: Runtime) -> None:
    run_intake(runtime.chat)
    make_user(runtime.accounts, Role.mentor)  # the load figure has a row to chart
    staff = make_user(runtime.accounts, Role.staff)
    assert login(client, staff.email)[0] == 303

    page = client.get(PAGE)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert "<h1>운영 현황</h1>" in html
    assert html.count('role="img"') == len(FIGURES) and html.count("<desc id=") == len(FIGURES)
    assert html.count('class="table insights-table"') == len(FIGURES)
    for key in FIGURES:
        assert f'id="figure-{key}"' in html and f'href="{PAGE}/{key}.csv?since=' in html
    assert default_period(Period.month("2026-01").since).since.isoformat() == "2025-02-01"

    found = runtime.insights.insights(Period.month("2026-01"))
    answer = client.get(f"{PAGE}/regions.csv", params={"since": "2026-01-01", "until": "2026-01-31"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == \
        'attachment; filename="insights-regions-2026-01-01-2026-01-31.csv"'
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["항목", "사례", "비율"] and rows[-1][0] == "합계"
    assert answer.content == figure_csv(found.figure("regions"))
    assert client.get(f"{PAGE}/nothing.csv").status_code == 404


def test_a_date_range_and_dates_that_cannot_be_read(client: TestClient, runtime: Runtime) -> None:
    staff = make_user(runtime.accounts, Role.staff)
    assert login(client, staff.email)[0] == 303
    one_month = client.get(PAGE, params={"since": "2026-03-01", "until": "2026-03-31"}).text
    assert "기간: 2026-03-01 ~ 2026-03-31 (한국 시간)" in one_month and "2026년 3월" in one_month
    assert "2026년 4월" not in one_month
    assert "사례가 되지 않은 대화는" in one_month  # older than the session retention
    unreadable = client.get(PAGE, params={"since": "3월 1일"}).text
    assert "날짜를 읽지 못해서" in unreadable
    backwards = client.get(PAGE, params={"since": "2026-03-31", "until": "2026-03-01"}).text
    assert "종료일이 시작일보다 앞서서" in backwards
