from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "coordo.demo"
    label = "demo"
    verbose_name = "Demo"
