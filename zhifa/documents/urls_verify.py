"""The public verification page, mounted at /verify/ (no login: the QR code on a decision points here)."""

from django.urls import path

from zhifa.documents import views_verify

app_name = "verify"
urlpatterns = [
    path("", views_verify.verify, name="form"),
    path("<str:code>/", views_verify.verify, name="code"),
]
