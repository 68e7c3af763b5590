"""Staff screens of complaints (投诉举报), mounted at /complaints/."""

from django.urls import path

from zhifa.intake import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_new, name="new"),
    path("stats/", views.complaint_stats_page, name="stats"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.complaint_action, name="action"),
]
