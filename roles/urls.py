from django.urls import path

app_name = "roles"
urlpatterns = []
