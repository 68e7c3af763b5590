"""Hotline exchange screens, mounted at /complaints/exchange/: API keys and the batch import."""

from django.urls import path

from zhifa.intake import views_exchange as views

app_name = "exchange"
urlpatterns = [
    path("keys/", views.keys_list, name="keys"),
    path("keys/create/", views.key_create, name="key_create"),
    path("keys/<int:pk>/revoke/", views.key_revoke, name="key_revoke"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
]
