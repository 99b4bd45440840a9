from django.urls import path

from roles import views

app_name = "roles"
urlpatterns = [
    path("", views.role_index, name="index"),
    path("<slug:slug>/", views.role_detail, name="detail"),
    path("<slug:slug>/share.png", views.role_share_image, name="share_image"),
    path("<slug:slug>/qr.png", views.role_qr_code, name="qr_code"),
]
