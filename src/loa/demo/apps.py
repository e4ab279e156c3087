from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "loa.demo"
    verbose_name = "Demo"
