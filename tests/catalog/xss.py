"""An entry whose fields carry markup, saved through the admin service, for the tests that
check it stays text on every page and answer that shows it."""

from application.catalog.entries import EntryAdmin
from tests.catalog.conftest import STAFF, shipped_entry

SCRIPT = "<script>window.__xss = 1</script>"
IMAGE = '"><img src=x onerror="window.__xss = 2">'
XSS_ENTRY = "vendor:oddconcept"
# Named in the entry's aliases, so an owner's question about it is answered from it.
XSS_ALIAS = "가나다라보안솔루션"


def save_xss_entry(entries: EntryAdmin) -> str:
    """Saves the entry with markup in its name, summary, aliases, tags and needs (once)."""
    if SCRIPT in entries.get(XSS_ENTRY).entry.name.ko:
        return XSS_ENTRY
    data = shipped_entry(XSS_ENTRY)
    data["name"]["ko"] = f"가나다라보안솔루션 {SCRIPT}"
    data["summary"]["ko"] = f"화면에 그대로 글자로 보여야 하는 요약이에요 {IMAGE}"
    data["aliases"] = [*data["aliases"], XSS_ALIAS, IMAGE]
    data["capability_tags"] = [*data["capability_tags"], SCRIPT]
    data["owner_needs"]["ko"] = [*data["owner_needs"]["ko"], f"보안 점검을 받고 싶어요 {IMAGE}"]
    entries.save(data, entry_id=XSS_ENTRY, author=STAFF, base_version=None)
    return XSS_ENTRY
