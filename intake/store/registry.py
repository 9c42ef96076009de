"""Every table of the service, in one metadata: feature packages keep their models in their own
`models.py` on the shared Base, and this module imports them all so migrations and the schema
check see the whole database."""

import intake.accounts.models
import intake.casework.models
import intake.kbadmin.models
import intake.privacy.models  # noqa: F401
from intake.store.models import Base

metadata = Base.metadata
