from django.urls import path, re_path

from opendata import feeds, views

app_name = "opendata"
urlpatterns = [
    path("data/", views.data_page, name="index"),
    path("data/datapackage.json", views.datapackage, name="datapackage"),
    re_path(
        r"^data/roles/(?P<slug>[-a-zA-Z0-9_]+)\.(?P<file_format>json|csv)$",
        views.role_data,
        name="role_data",
    ),
    re_path(
        r"^data/(?P<name>[-a-z]+)\.(?P<file_format>json|csv)$",
        views.dataset_file,
        name="file",
    ),
    path("feed/", feeds.RoleChangesFeed(), name="feed"),
]
