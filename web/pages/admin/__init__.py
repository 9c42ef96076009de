"""Staff administration pages (admin and staff roles): the knowledge base, the mentor
roster and partner portals, each edit saved as a version with its history."""

from fastapi import APIRouter

from web.pages.admin import entry, kb, mentors, partners

# HTML pages and form posts for a browser: not part of the API document.
router = APIRouter()
# The list's fixed paths (/export, /import) before the entry routes' patterns.
router.include_router(kb.router, include_in_schema=False)
router.include_router(entry.router, include_in_schema=False)
router.include_router(mentors.router, include_in_schema=False)
router.include_router(partners.router, include_in_schema=False)
