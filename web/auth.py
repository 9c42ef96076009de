"""Staff sign-in wired into the app: the no-store middleware, the answer to a missing login
(the login page for pages; web/errors.py answers the API), the account page for a login that
must change its password first, and the helpers every staff template uses. The parts live by
job: web/login.py, web/csrf.py, web/cookies.py, web/flash.py, web/formatting.py,
web/middleware.py."""

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from web.csrf import csrf_input, csrf_value
from web.errors import NotSignedIn, PasswordChangeRequired, error_response, wants_json
from web.flash import flashes
from web.formatting import role_label, staff_time
from web.login import ACCOUNT_PATH, login_redirect, signed_in_user
from web.middleware import NoStore
from web.templating import templates

templates.env.globals.update(csrf_input=csrf_input, csrf_value=csrf_value, flashes=flashes,
                             signed_in_user=signed_in_user, role_label=role_label)
templates.env.filters["staff_time"] = staff_time


def install_auth(app: FastAPI) -> None:
    app.add_middleware(NoStore)

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        return error_response(request, exc) if wants_json(request) else login_redirect(request)

    @app.exception_handler(PasswordChangeRequired)
    async def _password_change_required(request: Request, exc: PasswordChangeRequired) -> Response:
        if wants_json(request):
            return error_response(request, exc)
        return RedirectResponse(ACCOUNT_PATH, status_code=303)
