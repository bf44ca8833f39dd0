from django.urls import path

from coordo.housing.views import figures, inventory, stays, waiting

urlpatterns = [
    path("housing/", stays.board, name="housing_board"),
    path("housing/stays/", stays.stay_list, name="stay_list"),
    path("housing/stays/admit/", stays.stay_admit, name="stay_admit"),
    path("housing/stays/<int:stay_id>/", stays.stay_detail, name="stay_detail"),
    path("housing/stays/<int:stay_id>/end/", stays.stay_end, name="stay_end"),
    path("housing/stays/<int:stay_id>/move/", stays.stay_move, name="stay_move"),
    path("housing/people/<int:person_id>/stays/", stays.person_stays, name="person_stays"),
    path("housing/buildings/", inventory.building_list, name="building_list"),
    path("housing/buildings/new/", inventory.building_create, name="building_create"),
    path(
        "housing/buildings/<int:building_id>/edit/", inventory.building_edit, name="building_edit"
    ),
    path(
        "housing/buildings/<int:building_id>/units/new/", inventory.unit_create, name="unit_create"
    ),
    path("housing/import/", inventory.housing_import, name="housing_import"),
    path(
        "housing/import/template/",
        inventory.housing_import_template,
        name="housing_import_template",
    ),
    path("housing/units/<int:unit_id>/edit/", inventory.unit_edit, name="unit_edit"),
    path("housing/units/<int:unit_id>/closures/", inventory.unit_close, name="unit_close"),
    path(
        "housing/units/<int:unit_id>/closures/<int:closure_id>/edit/",
        inventory.closure_edit,
        name="closure_edit",
    ),
    path(
        "housing/units/<int:unit_id>/closures/<int:closure_id>/remove/",
        inventory.closure_remove,
        name="closure_remove",
    ),
    path("housing/units/<int:unit_id>/offer/", waiting.unit_offer, name="unit_offer"),
    path("housing/waiting/", waiting.waiting_list, name="waiting_list"),
    path("housing/waiting/new/", waiting.place_request_create, name="place_request_create"),
    path(
        "housing/waiting/<int:request_id>/withdraw/",
        waiting.place_request_withdraw,
        name="place_request_withdraw",
    ),
    path("housing/offers/<int:offer_id>/answer/", waiting.offer_answer, name="offer_answer"),
    path("housing/figures/", figures.figures_page, name="housing_figures"),
    path("housing/figures/export/", figures.figures_export, name="housing_figures_export"),
    path(
        "housing/sites/<int:site_id>/figures/",
        figures.figures_aggregate,
        name="housing_figures_aggregate",
    ),
    path(
        "housing/sites/<int:site_id>/figures/export/",
        figures.figures_aggregate_export,
        name="housing_figures_aggregate_export",
    ),
]
