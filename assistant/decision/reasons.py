"""Plain sentences, from the templates in prompts/brief, saying why a need and an entry meet."""

from assistant.decision.evidence import Reason, best_quote, tag_keywords
from assistant.decision.needs import Fit, Need
from assistant.decision.readiness import band_of
from knowledge.schema import Entry
from prompts import load_prompts
from prompts.brief import Lang, load_brief_prompts

MAX_TAGS_NAMED = 3
MIN_REASON_STRENGTH = 0.3  # weaker needs count in the score but are not worth a sentence
PROPER_NOUNS = ("region",)


def label(lang: Lang, vocabulary: str, value: str) -> str:
    """A value's label for use inside a sentence: English labels other than place names
    lose their capital ("Manufacturing" → "manufacturing"; "IT and software" stays)."""
    text = load_prompts(lang).value_label(vocabulary, value)
    if lang == "en" and vocabulary not in PROPER_NOUNS and text[1:2].islower():
        return text[0].lower() + text[1:]
    return text


def tag_list(tags: set[str] | frozenset[str], lang: Lang, limit: int = MAX_TAGS_NAMED) -> str:
    prompts = load_brief_prompts(lang)
    return prompts.join([prompts.tag(t) for t in sorted(tags)][:limit])


def need_sentence(need: Need, shared: frozenset[str], lang: Lang) -> str:
    """Why this need is answered by these tags: the template of the need's origin."""
    brief = load_brief_prompts(lang)
    template: str = getattr(brief.needs, need.origin)
    detail = need.detail
    args: dict[str, object] = {"tags": tag_list(shared, lang)}
    if need.origin == "said":
        args["keyword"] = detail.get("keyword", "")
    elif need.origin == "funding":
        args["need"] = label(lang, "funding_need", str(detail.get("need", "")))
    elif need.origin == "gap":
        score = int(detail.get("score", 0))
        dimension = brief.dimensions[str(detail["dimension"])]
        if lang == "en" and dimension[1:2].islower():
            dimension = dimension[0].lower() + dimension[1:]
        args |= {"dimension": dimension, "score": score,
                 "band": brief.bands[band_of(score)]}
    elif need.origin == "stage":
        args["stage"] = label(lang, "stage", str(detail.get("stage", "")))
    elif need.origin == "industry":
        args["industry"] = label(lang, "industry", str(detail.get("industry", "")))
    elif need.origin == "region":
        args["region"] = label(lang, "region", str(detail.get("region", "")))
    return template.format(**args)


def need_reasons(entry: Entry, fit: Fit, lang: Lang, limit: int, *, cite: bool = True) -> list[Reason]:
    """One sentence per matched need, strongest first (needs below MIN_REASON_STRENGTH only
    when nothing stronger matched); each names the entry's capabilities and so cites the
    seed sentence most related to them."""
    prompts = load_brief_prompts(lang)
    reasons = []
    hits = [hit for hit in fit.hits if hit[0].strength >= MIN_REASON_STRENGTH] or fit.hits[:1]
    for need, shared in hits[:limit]:
        labels = [prompts.tag(t) for t in shared] + [load_brief_prompts("ko").tag(t) for t in shared]
        keywords = tag_keywords(shared, labels)
        if need.origin == "said":
            keywords.insert(0, str(need.detail.get("keyword", "")))
        quote = best_quote(entry, keywords) if cite else None
        reasons.append(Reason(need_sentence(need, shared, lang), quote))
    return reasons
