"""The datasets page and the files it links: thin views over ``opendata.datasets``."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from nexushr.cache import cache_public_page
from nexushr.seo import Crumb, trail_context
from opendata import datasets, selectors, serializers
from opendata.caching import cached_download
from roles.selectors import RoleMoved


@require_safe
@cache_public_page("data")
def data_page(request: HttpRequest) -> HttpResponse:
    context = {
        "datasets": [
            {
                "dataset": dataset,
                "files": [
                    (file_format.upper(), reverse("opendata:file", args=[name, file_format]))
                    for file_format in datasets.FORMATS
                ],
            }
            for name, dataset in datasets.DATASETS.items()
        ],
        "license": settings.OPEN_DATA_LICENSE,
        "package_url": reverse("opendata:datapackage"),
        "feed_url": reverse("opendata:feed"),
        "rate_limit": settings.API_RATE_LIMIT,
        "rate_window": settings.API_RATE_WINDOW,
        **trail_context(Crumb(_("Open data"), reverse("opendata:index"))),
    }
    return render(request, "opendata/data.html", context)


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # inline: a browser shows JSON and offers CSV; the name is what a "save" uses.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@cached_download
def dataset_file(request: HttpRequest, name: str, file_format: str) -> HttpResponse:
    dataset = datasets.DATASETS.get(name)
    if dataset is None or file_format not in datasets.FORMATS:
        raise Http404("No such dataset.")
    content, content_type = datasets.render(dataset, file_format)
    language = translation.get_language()
    return _download(content, content_type, f"nexushr-{name}-{language}.{file_format}")


@require_safe
@cached_download
def datapackage(request: HttpRequest) -> HttpResponse:
    package = datasets.datapackage(translation.get_language())
    return _download(
        datasets.to_json(package), "application/json; charset=utf-8", "datapackage.json"
    )


@require_safe
@cached_download
def role_data(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    """One role: its full record as JSON (the API's detail), or its salary bands as CSV."""
    try:
        detail = selectors.role_detail(slug=slug)
    except RoleMoved as moved:
        return HttpResponsePermanentRedirect(
            reverse("opendata:role_data", args=[moved.role.slug, file_format])
        )
    language = translation.get_language()
    filename = f"nexushr-{slug}-{language}.{file_format}"
    if file_format == "json":
        return _download(
            datasets.to_json(serializers.role_detail(detail)),
            "application/json; charset=utf-8",
            filename,
        )
    bands = list(detail.role.salary_bands.all())
    for band in bands:
        band.role = detail.role
    columns = datasets.SALARY_BANDS.columns
    return _download(
        datasets.to_csv(columns, datasets.band_rows(bands)),
        "text/csv; charset=utf-8; header=present",
        filename,
    )
