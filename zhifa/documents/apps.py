from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhifa.documents"
    label = "documents"
    verbose_name = "执法文书与电子卷宗"

    def ready(self) -> None:
        # The background-job handlers (issue many, build a case file) register themselves on import.
        from zhifa.documents import jobs  # noqa: F401
