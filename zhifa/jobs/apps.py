from django.apps import AppConfig


class JobsConfig(AppConfig):
    """The job queue. Apps register their handlers (registry.job_handler) in a module they import from their
    own AppConfig.ready(), so the web process (which enqueues) and the worker (which runs) know the same kinds."""

    name = "zhifa.jobs"
    label = "jobs"
    verbose_name = "后台任务"
