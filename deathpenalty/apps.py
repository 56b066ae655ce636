from django.apps import AppConfig


class DeathpenaltyConfig(AppConfig):
    name = "deathpenalty"
