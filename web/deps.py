"""Typed dependencies shared by the routes."""

from typing import Annotated

from fastapi import Depends, Request

from intake.runtime import Runtime
from retrieval import Retriever


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_retriever(request: Request) -> Retriever:
    return get_runtime(request).retriever


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
RetrieverDep = Annotated[Retriever, Depends(get_retriever)]
