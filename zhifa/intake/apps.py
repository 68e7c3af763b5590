from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhifa.intake"
    label = "intake"
    verbose_name = "投诉举报与信访"

    def ready(self) -> None:
        # The background-job handler that pushes replies back to the hotline registers itself on import.
        from zhifa.intake import jobs  # noqa: F401
