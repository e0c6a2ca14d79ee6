"""The API's documentation page: the OpenAPI description rendered on the server as plain HTML
(no script, so the Content Security Policy holds)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_info
from django.views.decorators.http import require_safe

from ccm_portal.lib.i18n import Alternate

from .site import api

METHODS = ("get", "head", "post", "put", "patch", "delete")


def _type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    return schema.get("format") or schema.get("type") or schema.get("$ref", "").rsplit("/", 1)[-1]


@require_safe
def index(request):
    """The API's root: where its resources, description and documentation are."""
    root = request.build_absolute_uri("/api/v1/")
    return JsonResponse(
        {
            "documents": root + "documents/",
            "meetings": root + "meetings/",
            "delegations": root + "delegations/",
            "machinery": root + "machinery",
            "topics": root + "topics/",
            "reporting": root + "reporting",
            "openapi": root + "openapi.json",
            "docs": root + "docs/",
        }
    )


@require_safe
def docs(request):
    """Every operation of the API with its parameters, from the OpenAPI description."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = []
    for address, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method not in METHODS:
                continue
            operations.append(
                {
                    "method": method.upper(),
                    "address": address,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type(parameter.get("schema", {})),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                }
            )
    current = get_language()
    # The API has one address per resource and takes its language from ?lang= (api/http.py).
    alternates = [
        Alternate(
            code=code,
            name=get_language_info(code)["name_local"],
            url=f"{request.path}?lang={code}",
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations,
            "openapi_url": "/api/v1/openapi.json",
            "language_alternates": alternates,
        },
    )
