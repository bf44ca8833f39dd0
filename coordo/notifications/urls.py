from django.urls import path

from coordo.notifications import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:delivery_id>/read/", views.delivery_read, name="delivery_read"),
]
