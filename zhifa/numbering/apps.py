from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "zhifa.numbering"
    label = "numbering"
    verbose_name = "案件编号与文号"
