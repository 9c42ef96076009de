"""How answers travel: brotli or gzip for pages, scripts, styles and JSON; static files
cached for good under their fingerprinted address and revalidated otherwise; pages always
revalidated; the WOFF2 font sent as it is."""

import re

import pytest
from fastapi.testclient import TestClient

from web.pages.korean_font import FONT_FILE

BROTLI = {"Accept-Encoding": "br, gzip"}
GZIP = {"Accept-Encoding": "gzip"}


def page_assets(client: TestClient, path: str = "/") -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', client.get(path).text)


def page_modules(client: TestClient) -> list[str]:
    return [address for address in page_assets(client) if address.startswith("/static/m/")]


@pytest.mark.parametrize(("path", "kind"), [("/", "text/html"), ("/static/owner/chat/transcript.js", "javascript"),
                                            ("/static/owner/chat.css", "text/css"),
                                            ("/api/search?q=스마트공장&k=5", "application/json"),
                                            ("/static/staff/staff.css", "text/css")])
def test_text_answers_are_compressed(client: TestClient, path: str, kind: str) -> None:
    brotli = client.get(path, headers=BROTLI)
    assert brotli.status_code == 200 and kind in brotli.headers["content-type"]
    assert brotli.headers["content-encoding"] == "br"
    assert "accept-encoding" in brotli.headers["vary"].lower()
    gzip = client.get(path, headers=GZIP)
    assert gzip.headers["content-encoding"] == "gzip"
    assert gzip.content == brotli.content  # the same body, decoded


def test_the_font_is_sent_as_it_is(client: TestClient) -> None:
    font = client.get(f"/fonts/{FONT_FILE}", headers=BROTLI)
    assert "content-encoding" not in font.headers
    assert font.content[:4] == b"wOF2"


def test_fingerprinted_static_files_are_cached_for_good(client: TestClient) -> None:
    addresses = [address for address in page_assets(client) if address not in page_modules(client)]
    assert addresses and all("?v=" in address for address in addresses)
    for address in addresses:
        assert client.get(address).headers["cache-control"] == "public, max-age=31536000, immutable"
    plain = addresses[0].split("?", 1)[0]
    assert client.get(plain).headers["cache-control"] == "no-cache"
    assert client.get(f"{plain}?v=000000000000").headers["cache-control"] == "no-cache"


def test_pages_are_revalidated_every_visit_and_staff_pages_never_kept(client: TestClient) -> None:
    assert client.get("/").headers["cache-control"] == "no-cache"
    assert client.get("/login").headers["cache-control"] == "no-store"  # web/auth.py's own, kept


def test_staff_pages_load_fingerprinted_styles(client: TestClient) -> None:
    addresses = page_assets(client, "/login")
    assert any(address.startswith("/static/staff/staff.css?v=") for address in addresses)


def test_the_chat_is_es_modules_under_one_fingerprint(client: TestClient) -> None:
    """Modules import each other by relative address: the folder's hash is in the path, so every
    import stays under the fingerprint and is cached for good; the page preloads them all."""
    page = client.get("/").text
    modules = page_modules(client)
    entry = re.search(r'<script type="module" src="(/static/m/[^"]+/main\.js)"', page)
    assert entry and entry.group(1) in modules
    digests = {address.split("/")[3] for address in modules}
    assert len(digests) == 1 and len(modules) >= 8
    for address in modules:
        answer = client.get(address)
        assert answer.status_code == 200 and "javascript" in answer.headers["content-type"]
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
        for imported in re.findall(r'from "\./([\w-]+\.js)"', answer.text):
            assert address.rsplit("/", 1)[0] + "/" + imported in modules
    stale = modules[0].replace(digests.pop(), "000000000000")
    assert client.get(stale).headers["cache-control"] == "no-cache"
    assert client.get("/static/m/000000000000/owner/chat/none.js").status_code == 404
