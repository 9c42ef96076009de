"""Korean particles picked by how the word before them is read, and English counts."""

import pytest
from jinja2 import Environment

from prompts import load_prompts
from prompts.admin import load_admin_prompts
from prompts.brief import load_brief_prompts
from prompts.errors import load_error_prompts
from prompts.particles import add_particle_filters, count, format_text, josa, particle


@pytest.mark.parametrize(("word", "name", "joined"), [
    # Numbers, read in Sino-Korean: 2 이, 3 삼, 1 일 (ㄹ), 6 육, 10 십, 100 백, 1000 천, 만, 억, 조.
    (2, "으로", "2로"), (3, "으로", "3으로"), (1, "으로", "1로"), (7, "으로", "7로"), (6, "으로", "6으로"),
    (2, "이에요", "2예요"), (3, "이에요", "3이에요"), (10, "이에요", "10이에요"), (0, "이", "0이"),
    (4, "이", "4가"), (5, "은", "5는"), (9, "을", "9를"), (8, "을", "8을"), (100, "이", "100이"),
    (1000, "을", "1000을"), ("1,000", "을", "1,000을"), (10_000, "은", "10000은"), (10**8, "이", "100000000이"),
    (10**12, "이", "1000000000000가"), ("2.5", "이", "2.5가"), ("3.0", "으로", "3.0으로"), ("50%", "이", "50%가"),
    # Latin: abbreviations by their letters' Korean names, words by their ending.
    ("AI", "이", "AI가"), ("ERP", "을", "ERP를"), ("URL", "으로", "URL로"), ("CRM", "은", "CRM은"),
    ("DaaS", "이", "DaaS가"), ("Excel", "을", "Excel을"), ("Excel", "으로", "Excel로"), ("Zoom", "이", "Zoom이"),
    ("cloud", "은", "cloud는"), ("Google", "으로", "Google로"), ("Slack", "을", "Slack을"),
    # Hangul with and without a final consonant, and ㄹ with 으로/로.
    ("서울", "으로", "서울로"), ("서울", "이", "서울이"), ("부산", "으로", "부산으로"), ("대구", "으로", "대구로"),
    ("금형", "은", "금형은"), ("회사", "은", "회사는"), ("사장님", "과", "사장님과"), ("멘토", "과", "멘토와"),
    ("다음 단계", "이에요", "다음 단계예요"), ("‘멘토 지정’", "으로", "‘멘토 지정’으로"),
])
def test_the_particle_fits_how_the_word_is_read(word: object, name: str, joined: str) -> None:
    assert josa(word, name) == joined


def test_either_spelling_names_the_same_particle() -> None:
    assert {particle("회사", name) for name in ("은", "는", "은/는", "은(는)")} == {"는"}


def test_a_word_that_cannot_be_read_gets_both_forms() -> None:
    assert josa("!!!", "이") == "!!!이(가)"


def test_an_unknown_particle_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown particle"):
        particle("회사", "에게")


def test_prompt_lines_name_the_particle_in_the_placeholder() -> None:
    line = "새 버전 {version:으로} 남았어요. 버전 {version:이에요}. {n:,}건"
    assert format_text(line, version=2, n=1200) == "새 버전 2로 남았어요. 버전 2예요. 1,200건"
    assert format_text(line, version=3, n=1) == "새 버전 3으로 남았어요. 버전 3이에요. 1건"


def test_templates_attach_particles_with_a_filter() -> None:
    environment = Environment(autoescape=True)
    add_particle_filters(environment)
    template = environment.from_string('{{ v | josa("으로") }} · {{ name | josa("을") }} · {{ n | plural("pt", "pts") }}')
    assert template.render(v=2, name="<ERP>", n=1) == "2로 · &lt;ERP&gt;를 · 1 pt"
    assert template.render(v=13, name="엑셀", n=3) == "13으로 · 엑셀을 · 3 pts"


@pytest.mark.parametrize(("number", "shown"), [(0, "0 pts"), (1, "1 pt"), (2, "2 pts"), (71, "71 pts")])
def test_english_counts_agree_with_their_noun(number: int, shown: str) -> None:
    assert count(number, "pt", "pts") == shown


def test_prompt_lines_count_in_english() -> None:
    line = "{score:pt|pts} · {gap:pt|pts} to the next band"
    assert format_text(line, score=1, gap=24) == "1 pt · 24 pts to the next band"
    assert format_text(line, score=71, gap=1) == "71 pts · 1 pt to the next band"


@pytest.mark.parametrize(("version", "said"), [(2, "새 버전 2로 남았어요"), (3, "새 버전 3으로 남았어요"),
                                               (10, "새 버전 10으로 남았어요")])
def test_the_restore_notice_reads_right_for_any_version(version: int, said: str) -> None:
    assert said in load_admin_prompts().notice("restored", name="스마트공장", restored=1, version=version)


def test_the_english_chart_counts_points() -> None:
    page = load_brief_prompts("en").page
    assert format_text(page.points, score=1) == "1 pt"
    assert format_text(page.gap, gap=2, band="advanced") == "2 pts to the next band (advanced)"


@pytest.mark.parametrize("days", [1, 2])
def test_the_contact_deadline_is_counted_in_working_days_in_every_sentence(days: int) -> None:
    """The mentor's deadline is in working days (application/calendar.py); English counts it."""
    unit = "working day" if days == 1 else "working days"
    assert format_text(load_prompts("en").say.handed_over, days=days).endswith(f"within {days} {unit}.")
    assert format_text(load_brief_prompts("en").owner.next_step, days=days).endswith(f"within {days} {unit}.")
    assert f"영업일 기준 {days}일 안에" in format_text(load_prompts("ko").say.handed_over, days=days)
    assert f"영업일 기준 {days}일 안에" in format_text(load_brief_prompts("ko").owner.next_step, days=days)
    assert load_error_prompts("en").message("unknown_resume_code", days=days) == (
        f"No chat matches this code. Please check the code. A code works for {days} {'day' if days == 1 else 'days'} "
        "after the last message.")
