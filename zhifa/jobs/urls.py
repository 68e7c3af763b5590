"""Routes of the background jobs, mounted at /jobs/."""

from django.urls import path

from zhifa.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>.json", views.job_status, name="status"),
]
