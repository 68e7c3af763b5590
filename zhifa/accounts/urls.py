from django.urls import path

from zhifa.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("2fa/", views.second_factor_view, name="second_factor"),
    path("password/", views.password_change_view, name="password_change"),
    path("org/", views.org_view, name="org"),
    path("org/departments/new/", views.department_new_view, name="department_new"),
    path("org/townships/new/", views.township_new_view, name="township_new"),
    path("users/", views.user_list_view, name="users"),
    path("users/new/", views.user_new_view, name="user_new"),
    path("users/<int:pk>/roles/", views.user_roles_view, name="user_roles"),
    path("users/<int:pk>/<str:action>/", views.user_action_view, name="user_action"),
]
