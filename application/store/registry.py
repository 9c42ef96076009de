"""Every table of the service, in one metadata: feature packages keep their models in their own
`models.py` on the shared Base, and this module imports them all so migrations and the schema
check see the whole database."""

import application.accounts.models
import application.cases.models
import application.casework.models
import application.catalog.models
import application.chat.models
import application.notifications.models
import application.partners.models
import application.privacy.models
import application.reassessment.models  # noqa: F401
from application.store.models import Base

metadata = Base.metadata
