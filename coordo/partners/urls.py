from django.urls import path

from coordo.partners import views

urlpatterns = [
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/new/", views.partner_create, name="partner_create"),
    path("partners/<int:partner_id>/", views.partner_detail, name="partner_detail"),
    path("partners/<int:partner_id>/edit/", views.partner_edit, name="partner_edit"),
    path(
        "partners/<int:partner_id>/contacts/",
        views.partner_contact_add,
        name="partner_contact_add",
    ),
    path("conventions/", views.convention_list, name="convention_list"),
    path("conventions/new/", views.convention_create, name="convention_create"),
    path(
        "conventions/<int:convention_id>/document/",
        views.convention_document,
        name="convention_document",
    ),
]
