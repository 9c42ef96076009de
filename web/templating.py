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
    unchanged one can be cached for good (web/static_files.py)."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


add_particle_filters(templates.env)
templates.env.globals["asset"] = asset_url
