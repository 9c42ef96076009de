"""Typed contexts of the owner's chat page (`/`) and its partner embed (`/embed`), and the data
The chat's scripts (web/static/owner/chat/) read from the page: the progress topics with the slots each covers, labels to show an
owner's quick-reply answers by their words, and every line the script shows. The script holds
no text and no knowledge of the intake flow of its own."""

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field

from application.partners.schemas import Partner
from assistant.engine import FIX_PREFIX
from assistant.flow import CONSENT_SLOT, FlowSpec
from prompts import LANGS, Lang, load_prompts
from prompts.web import WebText, load_web_text

# The last topic of the flow (contact details and consent) is the wrap-up, not a step the
# owner sees in the progress bar.
WRAP_UP_TOPIC = "contact"
STORAGE_PREFIX = "intake.chat"
WIDGET_VIA = "widget"

Mode = Literal["page", "embed"]


class TopicData(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: str


class ClientUrls(BaseModel):
    sessions: str = "/api/sessions"
    owner_copy: str = "/owner-copy/"
    other_lang: str


class ChatClientData(BaseModel):
    """What the chat's scripts are told by the page, as JSON in <script type="application/json">."""

    model_config = ConfigDict(frozen=True)

    lang: Lang
    lang_explicit: bool
    mode: Mode
    partner: str | None
    in_widget: bool
    storage_key: str
    topics: list[TopicData]
    wrap_up_topic: str
    slot_topics: dict[str, str]
    slot_labels: dict[str, str] = Field(description="The slots an owner can change, by label")
    value_labels: dict[str, dict[str, str]]
    words: dict[str, str]
    fix_prefix: str
    multi_slots: list[str] = Field(description="Slots that take several answers: the owner picks, then sends")
    text: dict[str, str]
    urls: ClientUrls


@dataclass(frozen=True)
class ChatPage:
    lang: Lang
    text: WebText
    mode: Mode
    title: str
    tagline: str
    greeting: str | None
    partner: str | None
    in_widget: bool
    topics: tuple[TopicData, ...]
    other_lang: Lang
    switch_url: str
    client: ChatClientData


def other_language(lang: Lang) -> Lang:
    return next(candidate for candidate in LANGS if candidate != lang)


def page_url(mode: Mode, lang: Lang, partner: str | None, in_widget: bool) -> str:
    if mode == "page":
        return f"/?{urlencode({'lang': lang})}"
    query = {"partner": partner or "", "lang": lang, **({"via": WIDGET_VIA} if in_widget else {})}
    return f"/embed?{urlencode(query)}"


def progress_topics(flow: FlowSpec, lang: Lang) -> tuple[TopicData, ...]:
    labels = load_prompts(lang).topics
    return tuple(TopicData(id=t, label=labels.get(t, t)) for t in flow.topics if t != WRAP_UP_TOPIC)


def slot_topics(flow: FlowSpec) -> dict[str, str]:
    """Slot id → topic, and each slot id's prefix → the topic of its first slot, so that an
    `expecting` the flow file does not list as a slot ("consent") still finds its topic."""
    topics: dict[str, str] = {}
    for slot in flow.slots:
        topics.setdefault(slot.id.split(".", 1)[0], slot.topic)
    return {**topics, **{slot.id: slot.topic for slot in flow.slots}}


def value_labels(flow: FlowSpec, lang: Lang) -> dict[str, dict[str, str]]:
    """How a quick-reply value an owner sent reads in words, per slot (the labels the engine
    put on the buttons)."""
    prompts = load_prompts(lang)
    labels: dict[str, dict[str, str]] = {}
    for slot in flow.slots:
        if slot.vocabulary is not None:
            labels[slot.id] = {v: prompts.value_label(slot.vocabulary, v) for v in slot.values()}
        elif slot.scale is not None:
            labels[slot.id] = {str(level): text for level, text in enumerate(prompts.scales[slot.scale])}
    return labels


def client_text(text: WebText, lang: Lang) -> dict[str, str]:
    say = load_prompts(lang).say
    lines = {name: value for name, value in text.model_dump(exclude={"lang"}).items() if isinstance(value, str)}
    return {**lines, "speaker_assistant": say.speaker_assistant, "speaker_owner": say.speaker_owner,
            "source_label": say.source_label, "fix_option": say.fix_option}


def chat_page(
    flow: FlowSpec,
    lang: Lang,
    *,
    lang_explicit: bool,
    partner: Partner | None = None,
    in_widget: bool = False,
) -> ChatPage:
    text = load_web_text(lang)
    prompts = load_prompts(lang)
    mode: Mode = "embed" if partner is not None else "page"
    key = partner.key if partner is not None else None
    other = other_language(lang)
    topics = progress_topics(flow, lang)
    client = ChatClientData(
        lang=lang,
        lang_explicit=lang_explicit,
        mode=mode,
        partner=key,
        in_widget=in_widget,
        storage_key=f"{STORAGE_PREFIX}.{key}" if key else STORAGE_PREFIX,
        topics=list(topics),
        wrap_up_topic=WRAP_UP_TOPIC,
        slot_topics=slot_topics(flow),
        slot_labels={slot.id: prompts.slots[slot.id].label for slot in flow.slots
                     if slot.id in prompts.slots and slot.id != CONSENT_SLOT},
        value_labels=value_labels(flow, lang),
        multi_slots=[slot.id for slot in flow.slots if slot.type == "list"],
        words={word: prompts.word(word) for word in ("yes", "no", "unknown", "skip")},
        fix_prefix=FIX_PREFIX,
        text=client_text(text, lang),
        urls=ClientUrls(other_lang=page_url(mode, other, key, in_widget)),
    )
    return ChatPage(
        lang=lang,
        text=text,
        mode=mode,
        title=partner.title_for(lang) if partner is not None else text.app_title,
        tagline=text.embed_by if partner is not None else text.app_tagline,
        greeting=partner.greeting_for(lang) if partner is not None else None,
        partner=key,
        in_widget=in_widget,
        topics=topics,
        other_lang=other,
        switch_url=page_url(mode, other, key, in_widget),
        client=client,
    )


@dataclass(frozen=True)
class Theme:
    """A partner's colour and the shades the embed derives from it."""

    brand: str
    ink: str
    dark: str
    soft: str


DARK_INK = "#111827"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(rgb: tuple[int, int, int], towards: int, share: float) -> str:
    """The colour moved `share` of the way to black (0) or white (255)."""
    return "#" + "".join(f"{round(c + (towards - c) * share):02x}" for c in rgb)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else float(((s + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def theme(colour: str) -> Theme:
    """Text on the brand colour is white or near-black, whichever contrasts more (WCAG)."""
    rgb = _rgb(colour)
    lum = _luminance(rgb)
    on_white = 1.05 / (lum + 0.05)
    on_ink = (lum + 0.05) / (_luminance(_rgb(DARK_INK)) + 0.05)
    return Theme(
        brand=colour.lower(),
        ink="#ffffff" if on_white >= on_ink else DARK_INK,
        dark=_mix(rgb, 0, 0.22),
        soft=_mix(rgb, 255, 0.9),
    )
