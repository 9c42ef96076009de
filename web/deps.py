"""Typed dependencies shared by the routes."""

from typing import Annotated

from fastapi import Depends, Request

from application.runtime import Runtime
from retrieval import Retriever


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    # Another worker process may have saved a knowledge-base edit: one indexed lookup per
    # request tells, and the edit is loaded before this request uses the knowledge base.
    if not getattr(request.state, "knowledge_checked", False):
        request.state.knowledge_checked = True
        runtime.knowledge.refresh_if_stale()
    return runtime


def get_retriever(request: Request) -> Retriever:
    return get_runtime(request).retriever


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
RetrieverDep = Annotated[Retriever, Depends(get_retriever)]
