from django.urls import path

from zhifa.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar_index, name="index"),
    path("<int:year>/", views.calendar_year, name="year"),
    path("import/", views.calendar_import, name="import"),
    path("rules/", views.deadline_rules_view, name="rules"),
]
