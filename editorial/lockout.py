"""What a locked-out editor sees (django-axes calls this instead of its plain-text message)."""

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def lockout_policy() -> dict[str, int]:
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        **lockout_policy(),
        "title": admin.site.site_title,
    }
    response = TemplateResponse(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    return response.render()
