from monitoring.testing import _monitoring_vocabularies_after_flush, django_db_setup, mon

__all__ = ["_monitoring_vocabularies_after_flush", "django_db_setup", "mon"]
