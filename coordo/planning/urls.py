from django.urls import path

from coordo.planning.views import mine, plannings, printout, rotas, setup, swaps, team

urlpatterns = [
    path("planning/", plannings.planning_list, name="planning_list"),
    path("planning/setup/", setup.planning_setup, name="planning_setup"),
    path("planning/setup/workers/", setup.worker_create, name="worker_create"),
    path("planning/setup/slots/", setup.template_create, name="template_create"),
    path("planning/setup/settings/", setup.planning_settings, name="planning_settings"),
    path("planning/setup/workers/<int:worker_id>/", team.worker_detail, name="worker_detail"),
    path(
        "planning/setup/workers/<int:worker_id>/active/", team.worker_active, name="worker_active"
    ),
    path("planning/setup/workers/<int:worker_id>/windows/", team.window_add, name="window_add"),
    path(
        "planning/setup/workers/<int:worker_id>/windows/<int:window_id>/",
        team.window_edit,
        name="window_edit",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/windows/<int:window_id>/remove/",
        team.window_remove,
        name="window_remove",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/account/",
        team.worker_account,
        name="worker_account",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/account/remove/",
        team.worker_account_remove,
        name="worker_account_remove",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/calendar/send/",
        team.worker_calendar_send,
        name="worker_calendar_send",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/calendar/renew/",
        team.worker_calendar_renew,
        name="worker_calendar_renew",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/absences/",
        team.worker_absence_add,
        name="worker_absence_add",
    ),
    path(
        "planning/setup/workers/<int:worker_id>/absences/<int:absence_id>/remove/",
        team.worker_absence_remove,
        name="worker_absence_remove",
    ),
    path("planning/new/", plannings.planning_create, name="planning_create"),
    path("planning/<int:planning_id>/", plannings.planning_detail, name="planning_detail"),
    path("planning/<int:planning_id>/print.pdf", printout.planning_pdf, name="planning_pdf"),
    path("planning/<int:planning_id>/solve/", plannings.planning_solve, name="planning_solve"),
    path(
        "planning/<int:planning_id>/publish/", plannings.planning_publish, name="planning_publish"
    ),
    path(
        "planning/<int:planning_id>/discard/", plannings.planning_discard, name="planning_discard"
    ),
    path(
        "planning/<int:planning_id>/shifts/<int:shift_id>/",
        plannings.planning_shift,
        name="planning_shift",
    ),
    path("planning/runs/<int:run_id>/", plannings.planning_run, name="planning_run"),
    path(
        "planning/runs/<int:run_id>/cancel/",
        plannings.planning_run_cancel,
        name="planning_run_cancel",
    ),
    path("planning/mine/", mine.my_shifts, name="my_shifts"),
    path("planning/mine/absences/", mine.absence_add, name="absence_add"),
    path("planning/mine/calendar/renew/", mine.calendar_renew, name="calendar_renew"),
    path("planning/calendar/<str:token>.ics", mine.calendar_feed, name="calendar_feed"),
    path("planning/mine/shifts/<int:assignment_id>/swap/", swaps.swap_create, name="swap_create"),
    path("planning/swaps/", swaps.swap_list, name="swap_list"),
    path("planning/swaps/<int:swap_id>/accept/", swaps.swap_accept, name="swap_accept"),
    path("planning/swaps/<int:swap_id>/cancel/", swaps.swap_cancel, name="swap_cancel"),
    path("planning/swaps/<int:swap_id>/approve/", swaps.swap_approve, name="swap_approve"),
    path("planning/swaps/<int:swap_id>/reject/", swaps.swap_reject, name="swap_reject"),
    path("planning/rotas/", rotas.rota_list, name="rota_list"),
    path("planning/rotas/new/", rotas.rota_create, name="rota_create"),
    path("planning/rotas/<int:rota_id>/", rotas.rota_detail, name="rota_detail"),
    path("planning/rotas/<int:rota_id>/periods/", rotas.rota_period_add, name="rota_period_add"),
    path(
        "planning/rotas/<int:rota_id>/periods/<int:period_id>/",
        rotas.rota_period_edit,
        name="rota_period_edit",
    ),
    path(
        "planning/rotas/<int:rota_id>/periods/<int:period_id>/remove/",
        rotas.rota_period_remove,
        name="rota_period_remove",
    ),
]
