from django.apps import AppConfig


class VocabulariesConfig(AppConfig):
    name = "vocabularies"
