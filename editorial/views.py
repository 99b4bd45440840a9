"""The translation work list page in the admin."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from editorial import worklist
from editorial.permissions import VIEW_WORKLIST
from editorial.translated import TARGET_LANGUAGES
from nexushr.querystring import url_with_query

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@require_http_methods(["GET", "HEAD", "POST"])
def translation_worklist(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_WORKLIST):
        raise PermissionDenied
    if request.method == "POST":
        return _mark_current(request)
    language = request.GET.get("language", "")
    if language and language not in TARGET_LANGUAGES:
        language = ""  # an unknown language shows them all rather than failing
    items = worklist.translation_work(TARGET_LANGUAGES)
    counts = worklist.translation_counts(items)
    shown = [item for item in items if not language or item.language == language]
    sections = [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "items": [item for item in shown if item.language == code],
            "counts": counts[code],
        }
        for code in TARGET_LANGUAGES
        if not language or code == language
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Translation work list"),
        "sections": sections,
        "language": language,
        "tabs": [(code, LANGUAGE_NAMES[code], counts[code]) for code in TARGET_LANGUAGES],
    }
    return TemplateResponse(request, "editorial/translation_worklist.html", context)


def _mark_current(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("translation", "")
    content_type = worklist.token_content_type(token)
    model = content_type.model_class() if content_type else None
    if model is None or not request.user.has_perm(
        f"{model._meta.app_label}.change_{model._meta.model_name}"
    ):
        raise PermissionDenied
    if worklist.mark_current(token):
        messages.success(request, _("Marked as still correct for the current English text."))
    else:
        messages.error(request, _("That translation could not be found; nothing was changed."))
    language = request.POST.get("language", "")
    url = url_with_query(
        reverse("translation_worklist"), language=language if language in TARGET_LANGUAGES else None
    )
    return HttpResponseRedirect(url)
