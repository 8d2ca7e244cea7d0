"""Freezing the fold's own values into the state's pydantic models, without validating again.

A rebuild freezes hundreds of thousands of facts and sources; pydantic's validation of values
the fold built itself (already of their declared types) cost ~15% of a rebuild, and
``model_construct`` (which also looks up aliases and defaults per field) nearly as much.
:func:`construct` sets what ``model_construct`` sets, for a caller that passes every field.
tests/unit/test_trusted_construct.py holds it equal to validation for every state model.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["construct"]

Model = TypeVar("Model", bound=BaseModel)
_set = object.__setattr__


def construct(cls: type[Model], values: dict[str, Any]) -> Model:
    """An instance of ``cls`` holding ``values``, which must name every field of ``cls``."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
