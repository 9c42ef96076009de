"""The readiness radar: well-formed, accessible SVG; every dimension labelled; unknown scores
shown as unknown, never as zero; text escaped."""

import math
import xml.etree.ElementTree as ET

from application.briefs.radar import (
    CENTER,
    RADIUS,
    RadarText,
    RadarValue,
    describe,
    radar_layout,
    radar_svg,
    readiness_radar,
)
from assistant.decision.brief import NeedsBrief
from prompts.brief import DIMENSIONS, load_brief_prompts

SVG = "{http://www.w3.org/2000/svg}"
TEXT = RadarText(title="Chart", desc="Scores.", unknown="unknown", points="{score} pts", legend=("low 0-50", "high 51-100"))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def label_texts(root: ET.Element) -> dict[str, str]:
    return {t.get("data-dimension", ""): "".join(t.itertext()) for t in root.iter(f"{SVG}text")
            if t.get("class") == "axis-label"}


def test_korean_radar_labels_every_dimension_and_marks_the_unknown_one(korean_brief: NeedsBrief) -> None:
    svg = radar_svg(readiness_radar(korean_brief.readiness, "ko"), element_id="r1")
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "r1-title r1-desc"
    assert root.find(f"{SVG}title").text == "디지털 준비도 차트"  # type: ignore[union-attr]
    labels = label_texts(root)
    prompts = load_brief_prompts("ko")
    assert set(labels) == set(DIMENSIONS)
    for name in DIMENSIONS:
        assert prompts.dimensions[name] in labels[name]
    assert labels["blockchain"].endswith("모름")
    assert labels["cloud"].endswith("20점") and labels["security"].endswith("40점")
    unknown = [g.get("data-dimension") for g in root.iter(f"{SVG}g") if g.get("class") == "unknown"]
    known = [c.get("data-dimension") for c in root.iter(f"{SVG}circle") if c.get("class") == "known"]
    assert unknown == ["blockchain"] and "blockchain" not in known and len(known) == len(DIMENSIONS) - 1
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "블록체인: 모름" in desc and "클라우드: 20점 (기초)" in desc
    assert all(prompts.dimensions[n] in desc for n in DIMENSIONS)
    rings = [str(p.get("class")) for p in root.iter(f"{SVG}polygon") if (p.get("class") or "").startswith("ring")]
    assert sorted(rings) == ["ring ring-100", "ring ring-25", "ring ring-50", "ring ring-75"]
    assert "기초 0–25" in svg and "앞섬 76–100" in svg


def test_english_radar(korean_brief: NeedsBrief) -> None:
    root = parse(radar_svg(readiness_radar(korean_brief.readiness, "en")))
    labels = label_texts(root)
    assert labels["blockchain"] == "Blockchainunknown"
    assert "Budget and" in labels["budget_strategy"] and "strategy" in labels["budget_strategy"]
    assert root.find(f"{SVG}title").text == "Digital readiness chart"  # type: ignore[union-attr]


def test_scores_sit_at_their_radius_and_unknown_is_not_zero() -> None:
    values = [RadarValue("a", "A", 100, "advanced"), RadarValue("b", "B", None, "unknown"),
              RadarValue("c", "C", 50, "average"), RadarValue("d", "D", 0, "basic")]
    layout = radar_layout(values, TEXT)
    radii = [None if a.point is None else round(math.dist(a.point, CENTER)) for a in layout.axes]
    assert radii == [RADIUS, None, RADIUS / 2, 0]
    assert describe(layout) == "Scores. A: 100 pts (advanced); B: unknown; C: 50 pts (average); D: 0 pts (basic)."


def test_text_is_escaped() -> None:
    values = [RadarValue("x\"<y", "<b>R&D</b>", 40, "a<b"), RadarValue("z", "Z", None, "unknown"),
              RadarValue("w", "W", 10, "basic")]
    text = RadarText(title="</title><script>x</script>", desc="d&", unknown="?<", points="{score}", legend=("<l>",))
    svg = radar_svg(radar_layout(values, text), element_id='id"><script>')
    assert "<script" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "</title><script>x</script>"  # type: ignore[union-attr]
    assert "<b>R&D</b>" in "".join(root.itertext())


def test_fewer_than_three_known_scores_draw_no_area() -> None:
    values = [RadarValue(k, k, 30 if k == "a" else None, "x") for k in "abc"]
    root = parse(radar_svg(radar_layout(values, TEXT)))
    assert not [p for p in root.iter(f"{SVG}polygon") if p.get("class") == "scores"]
