"""Reads the forms of a page as a browser would submit them (successful controls only), so
tests post exactly what the rendered form holds."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def get(self, name: str) -> str:
        return next(value for key, value in self.fields if key == name)

    def set(self, name: str, value: str) -> None:
        self.fields = [(key, value if key == name else old) for key, old in self.fields]

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.fields if key == name]

    def data(self) -> dict[str, list[str]]:
        """What to post with httpx (`data=`): every value of every field."""
        posted: dict[str, list[str]] = {}
        for key, value in self.fields:
            posted.setdefault(key, []).append(value)
        return posted


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(action=a.get("action", "")))
            return
        if not self.forms or "disabled" in a:
            return
        fields = self.forms[-1].fields
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = (name, [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea[1])
            # HTML drops one newline right after <textarea>.
            self.forms[-1].fields.append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [value for value, selected in options if selected] or [value for value, _ in options[:1]]
            if chosen:
                self.forms[-1].fields.append((name, chosen[0]))
            self._select = None


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action: str) -> Form:
    return next(form for form in forms(html) if form.action == action)
