from django.urls import path

from coordo.operations.views import data_protection, health

urlpatterns = [
    path("health/", health.health, name="health"),
    path("manage/retention/", data_protection.retention_report, name="retention_report"),
    path("people/<int:person_id>/erasure/", data_protection.person_erasure, name="person_erasure"),
    path("manage/processing-record/", data_protection.processing_record, name="processing_record"),
]
