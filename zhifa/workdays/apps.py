from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "zhifa.workdays"
    label = "workdays"
    verbose_name = "工作日历与时限"
