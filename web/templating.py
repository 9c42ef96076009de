"""The one Jinja2 environment of the web pages (autoescape on for every template), and the
addresses of the static files they load."""

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from prompts.particles import add_particle_filters

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


@lru_cache(maxsize=64)
def asset_url(name: str) -> str:
    """A static file's address with its content hash, so a changed file is fetched anew and an
    unchanged one can be cached for good (web/delivery.py)."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


MODULES_PREFIX = "/static/m"


@lru_cache(maxsize=16)
def module_digest(folder: str) -> str:
    """One hash over every script of an ES-module folder: modules import each other by relative
    address, so the folder is fingerprinted as a whole (in the path, which relative imports keep)."""
    digest = hashlib.sha256()
    for path in sorted((STATIC_DIR / folder).glob("*.js")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def module_urls(folder: str) -> list[str]:
    """The addresses of a module folder's scripts under its fingerprint, for the entry point's
    `<script type="module">` and the `modulepreload` links that fetch the rest at once."""
    return [f"{MODULES_PREFIX}/{module_digest(folder)}/{folder}/{path.name}"
            for path in sorted((STATIC_DIR / folder).glob("*.js"))]


def module_url(folder: str, entry: str) -> str:
    return f"{MODULES_PREFIX}/{module_digest(folder)}/{folder}/{entry}"


add_particle_filters(templates.env)
templates.env.globals["asset"] = asset_url
templates.env.globals["module_url"] = module_url
templates.env.globals["module_urls"] = module_urls
