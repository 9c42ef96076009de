"""The owner's copy as an HTML fragment for the chat page: the same templates as the
stand-alone owner's page (application/briefs/templates/brief/owner.html and its partials), of
which only the content block is rendered, inside the chat page's own heading."""

from markupsafe import Markup

from application.briefs.html import environment
from application.briefs.owner import owner_page
from assistant.decision.owner import OwnerCopy
from prompts import Lang
from web.templating import templates

OWNER_TEMPLATE = "brief/owner.html"
PROGRAM_TEMPLATE = "brief/_program.html"


def owner_copy_fragment(copy: OwnerCopy, lang: Lang) -> str:
    page = owner_page(copy, lang)
    render = environment()
    template = render.get_template(OWNER_TEMPLATE)
    # A block rendered on its own misses what the template imports at its top (the program
    # card macro). The page's inline stylesheet is not wanted: the chat page links it.
    cards = render.get_template(PROGRAM_TEMPLATE).module
    card = cards.program_card  # type: ignore[attr-defined]  # a macro the module exports
    context = template.new_context({"page": page, "css": Markup(""), "program_card": card})
    content = Markup("".join(template.blocks["content"](context)))
    return templates.get_template("owner/_copy.html").render(page=page, content=content)
