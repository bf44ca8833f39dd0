from django.urls import path

from coordo.dispatch.views import arrivals, batches, network

urlpatterns = [
    path("dispatch/", arrivals.dispatch_home, name="dispatch_home"),
    path("dispatch/arrivals/new/", arrivals.arrival_create, name="dispatch_arrival_create"),
    path(
        "dispatch/arrivals/<int:arrival_id>/",
        arrivals.arrival_detail,
        name="dispatch_arrival_detail",
    ),
    path(
        "dispatch/arrivals/<int:arrival_id>/social/",
        arrivals.arrival_social,
        name="dispatch_arrival_social",
    ),
    path(
        "dispatch/arrivals/<int:arrival_id>/medical/",
        arrivals.arrival_medical,
        name="dispatch_arrival_medical",
    ),
    path("dispatch/network/", network.network, name="dispatch_network"),
    path("dispatch/network/import/", network.network_import, name="dispatch_network_import"),
    path("dispatch/network/template/", network.network_template, name="dispatch_network_template"),
    path("dispatch/units/<int:unit_id>/free/", network.unit_free, name="dispatch_unit_free"),
    path("dispatch/batches/new/", batches.batch_create, name="dispatch_batch_create"),
    path("dispatch/batches/<int:batch_id>/", batches.batch_detail, name="dispatch_batch_detail"),
    path(
        "dispatch/batches/<int:batch_id>/progress/",
        batches.batch_progress,
        name="dispatch_batch_progress",
    ),
    path(
        "dispatch/batches/<int:batch_id>/snapshot/",
        batches.batch_snapshot,
        name="dispatch_batch_snapshot",
    ),
    path(
        "dispatch/batches/<int:batch_id>/cancel/",
        batches.batch_cancel,
        name="dispatch_batch_cancel",
    ),
    path(
        "dispatch/batches/<int:batch_id>/accept/",
        batches.batch_accept,
        name="dispatch_batch_accept",
    ),
    path(
        "dispatch/batches/<int:batch_id>/fairness/",
        batches.batch_fairness,
        name="dispatch_batch_fairness",
    ),
    path(
        "dispatch/proposals/<int:proposal_id>/override/",
        batches.proposal_override,
        name="dispatch_proposal_override",
    ),
    path(
        "dispatch/fairness/",
        batches.fairness_month,
        name="dispatch_fairness_month",
    ),
]
