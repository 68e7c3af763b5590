"""The public complaint pages, mounted at /portal/complaints/ (no login; docs/portal-complaints.md)."""

from django.urls import path

from zhifa.intake import views_public

app_name = "portal_complaints"
urlpatterns = [
    path("new/", views_public.complaint_new, name="new"),
    path("done/", views_public.complaint_done, name="done"),
    path("track/", views_public.complaint_track, name="track"),
    path("track/status/", views_public.complaint_status, name="status"),
    path("track/rate/", views_public.complaint_rate_view, name="rate"),
    path("track/forget/", views_public.complaint_forget, name="forget"),
]
