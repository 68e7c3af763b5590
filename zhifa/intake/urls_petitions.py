"""Petition screens (信访), mounted at /petitions/."""

from django.urls import path

from zhifa.intake import views_petitions

app_name = "petitions"
urlpatterns = [
    path("", views_petitions.petition_list, name="list"),
    path("new/", views_petitions.petition_new, name="new"),
    path("<int:pk>/", views_petitions.petition_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views_petitions.petition_action, name="action"),
]
