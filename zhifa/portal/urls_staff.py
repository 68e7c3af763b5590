"""Staff routes of 行政执法公示 under /disclosure/ (the public portal is urls_public, a separate tree)."""

from django.urls import path

from zhifa.portal import views_staff

app_name = "disclosure"
urlpatterns = [
    path("", views_staff.queue, name="queue"),
    path("rate/", views_staff.rate, name="rate"),
    path("<int:pk>/", views_staff.detail, name="detail"),
    path("<int:pk>/publish/", views_staff.publish, name="publish"),
    path("<int:pk>/withdraw/", views_staff.withdraw, name="withdraw"),
    path("<int:pk>/exclude/", views_staff.exclude, name="exclude"),
    path("<int:pk>/rebuild/", views_staff.rebuild, name="rebuild"),
]
