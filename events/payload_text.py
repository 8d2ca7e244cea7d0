"""The stored JSON text of an event, written by msgspec where that gives pydantic's bytes.

Every append writes each event's payload, and pydantic's serializer took about a quarter
of an append's Python time. msgspec writes the same text from the event's field values in
about 60% of that, but only for the kinds of field where its output is pydantic's to the
byte. Those are checked once per class (:func:`writer`): strings, integers, booleans,
UUIDs, string enums and literals, dates of :class:`FuzzyDate`, floats bounded well inside
the range where both write plain decimals, nested models of the same kinds, optionals and
tuples of them. Any other class keeps pydantic's serializer. A test holds the two texts
equal for every event type over generated content.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin
from uuid import UUID

import annotated_types
import msgspec
from pydantic import BaseModel

from events.dates import FuzzyDate

__all__ = ["writer"]

# Below 1e16 both write a float as its shortest decimal; from there pydantic writes
# "1e+16" and msgspec "1e16".
_FLOAT_BOUND = 1e15

# Config keys that change nothing in a model's JSON text.
_NEUTRAL_CONFIG = frozenset({"frozen", "extra", "defer_build", "title"})


def _nested(value: Any) -> Any:
    # The two kinds of value msgspec does not write itself, as pydantic writes them.
    if value.__class__ is FuzzyDate:
        return value.text
    if isinstance(value, BaseModel):
        return value.__dict__
    raise TypeError(f"no exact JSON text for {type(value).__name__}")


_encode = msgspec.json.Encoder(enc_hook=_nested).encode


@cache
def writer(model: type[BaseModel]) -> Callable[[BaseModel], str]:
    """The function writing ``model``'s instances as their stored text: msgspec's when it
    gives pydantic's bytes for every field of the model, pydantic's serializer otherwise."""
    serialize = model.__pydantic_serializer__.to_json
    if not _plain(model):
        return lambda instance: serialize(instance).decode()

    def write(instance: BaseModel) -> str:
        try:
            # The fields in declaration order: pydantic builds every __dict__ that way.
            return _encode(instance.__dict__).decode()
        except (TypeError, ValueError, OverflowError, msgspec.MsgspecError):
            # A value msgspec refuses (an integer past 64 bits, a lone surrogate):
            # pydantic writes it, or raises its own error.
            return serialize(instance).decode()

    return write


def _plain(model: type[BaseModel]) -> bool:
    if not set(model.model_config) <= _NEUTRAL_CONFIG or model.model_config.get("extra") == "allow":
        return False
    decorators = model.__pydantic_decorators__
    if decorators.field_serializers or decorators.model_serializers or decorators.computed_fields:
        return False
    for name, info in model.model_fields.items():
        if info.exclude or info.alias not in (None, name):
            return False
        if info.serialization_alias not in (None, name):
            return False
        if not _exact(info.annotation, info.metadata):
            return False
    return True


def _exact(annotation: Any, metadata: list[Any]) -> bool:
    """Whether msgspec writes a value of this type as pydantic does."""
    origin = get_origin(annotation)
    if annotation in (str, int, bool, UUID, FuzzyDate):
        return True
    if annotation is float:
        return _bounded(metadata)
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return issubclass(annotation, str)
        if issubclass(annotation, BaseModel):
            return _plain(annotation)
        return False
    if origin is Literal:
        return all(isinstance(arg, str) for arg in get_args(annotation))
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return len(options) == 1 and _exact(options[0], metadata)
    if origin is tuple:
        args = get_args(annotation)
        return len(args) == 2 and args[1] is Ellipsis and _exact(args[0], [])
    return False


def _bounded(metadata: list[Any]) -> bool:
    """A float field whose constraints keep it within ±1e15."""
    low = high = None
    for item in metadata:
        if isinstance(item, annotated_types.Ge | annotated_types.Gt):
            low = item.ge if isinstance(item, annotated_types.Ge) else item.gt
        if isinstance(item, annotated_types.Le | annotated_types.Lt):
            high = item.le if isinstance(item, annotated_types.Le) else item.lt
    if low is None or high is None:
        return False
    return bool(-_FLOAT_BOUND <= low and high <= _FLOAT_BOUND)  # type: ignore[operator]
