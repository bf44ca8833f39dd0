from django.urls import path

from coordo.people import views

urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:person_id>/consents/", views.person_consent_add, name="person_consent_add"),
    path("people/<int:person_id>/legal-hold/", views.person_legal_hold, name="person_legal_hold"),
    path("households/", views.household_list, name="household_list"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<int:household_id>/", views.household_detail, name="household_detail"),
    path(
        "households/<int:household_id>/members/",
        views.household_member_add,
        name="household_member_add",
    ),
]
