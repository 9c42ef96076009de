"""The admin services and the signed-in author, as route dependencies."""

from typing import Annotated

from fastapi import Depends

from application.accounts import User
from application.catalog.entries import EntryAdmin
from application.catalog.mentors import MentorAdmin
from application.catalog.versions import Author
from application.partners.service import PartnerService
from web.deps import RuntimeDep


def entry_admin(runtime: RuntimeDep) -> EntryAdmin:
    return EntryAdmin(runtime.knowledge)


def mentor_admin(runtime: RuntimeDep) -> MentorAdmin:
    return MentorAdmin(runtime.knowledge)


def partner_admin(runtime: RuntimeDep) -> PartnerService:
    return runtime.partners


def author(user: User) -> Author:
    return Author(id=user.id, name=user.name or user.email)


EntryAdminDep = Annotated[EntryAdmin, Depends(entry_admin)]
