"""``/docs``: the API's documentation, read from its OpenAPI schema and rendered on the server.

FastAPI's own docs pages load their scripts from a CDN, which the page's policy forbids and
an offline machine cannot reach; this page is plain HTML from the same schema: each endpoint
with its parameters and responses, and each data model with its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Endpoint", "Field", "Model", "Parameter", "Response", "endpoints", "models"]

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter of an endpoint."""

    name: str
    location: str  # path or query
    required: bool
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class Response:
    """One answer an endpoint can give."""

    status: str
    description: str
    type: str


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One method on one path."""

    method: str
    path: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    responses: tuple[Response, ...]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a data model."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Model:
    """A data model of the answers (an OpenAPI component schema)."""

    name: str
    description: str
    fields: tuple[Field, ...]


def type_of(schema: dict[str, Any]) -> str:
    """A JSON schema in a few words: ``list of RelationSummary``, ``string or null``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            return " or ".join(type_of(s) for s in schema[combined])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return str(schema["const"])
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items") or schema.get("prefixItems")
        if isinstance(items, list):
            return "tuple of " + ", ".join(type_of(s) for s in items)
        return "list of " + type_of(items) if items else "list"
    if kind == "object" and "additionalProperties" in schema:
        values = schema["additionalProperties"]
        return "map to " + type_of(values) if isinstance(values, dict) else "object"
    fmt = schema.get("format")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    return f"{kind} ({fmt})" if kind and fmt else str(kind or "any")


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every endpoint of the OpenAPI ``schema``, in the schema's order."""
    found = []
    for path, operations in schema.get("paths", {}).items():
        for method in _METHODS:
            op = operations.get(method)
            if op is None:
                continue
            parameters = tuple(
                Parameter(
                    name=p["name"],
                    location=p.get("in", ""),
                    required=bool(p.get("required")),
                    type=type_of(p.get("schema", {})),
                    description=p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            )
            responses = tuple(
                Response(
                    status=status,
                    description=answer.get("description", ""),
                    type=type_of(
                        answer.get("content", {}).get("application/json", {}).get("schema", {})
                    ),
                )
                for status, answer in op.get("responses", {}).items()
            )
            found.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=parameters,
                    responses=responses,
                )
            )
    return found


def models(schema: dict[str, Any]) -> list[Model]:
    """Every data model of ``schema``, by name."""
    found = []
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(model.get("required", []))
        fields = tuple(
            Field(
                name=field,
                type=type_of(spec),
                required=field in required,
                description=spec.get("description", ""),
            )
            for field, spec in model.get("properties", {}).items()
        )
        found.append(Model(name=name, description=model.get("description", ""), fields=fields))
    return found
