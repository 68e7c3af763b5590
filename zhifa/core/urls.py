from django.urls import path

from zhifa.core import views

app_name = "core"
urlpatterns = [
    path("", views.workbench, name="workbench"),
]
