from django.urls import path

from coordo.operations import views

urlpatterns = [
    path("health/", views.health, name="health"),
]
