from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from coordo.api.urls import api_urls

urlpatterns = [
    # Before login too: the login page's language switch must not send the visitor to log in.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/", api_urls()),
    path("", include("coordo.operations.urls")),
    path("", include("coordo.access.urls")),
    path("", include("coordo.people.urls")),
    path("", include("coordo.housing.urls")),
    path("", include("coordo.casework.urls")),
    path("", include("coordo.partners.urls")),
    path("", include("coordo.planning.urls")),
    path("", include("coordo.dispatch.urls")),
    path("", include("coordo.notifications.urls")),
    path("", include("coordo.incidents.urls")),
    path("", include("coordo.reports.urls")),
    path("", include("coordo.community.urls")),
]

# 503 "try again" while the database is away, the plain 500 page otherwise.
handler500 = "coordo.web.unavailable.server_error"
