from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "coordo.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self) -> None:
        # Each registers its `coordo check` rules; the heartbeat module its task too.
        from coordo.operations import backup_age, deploy_checks, heartbeat  # noqa: F401
