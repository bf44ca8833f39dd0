from django.urls import include, path

from coordo.api.urls import api_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api_urls()),
    path("", include("coordo.operations.urls")),
    path("", include("coordo.access.urls")),
    path("", include("coordo.people.urls")),
    path("", include("coordo.housing.urls")),
    path("", include("coordo.casework.urls")),
    path("", include("coordo.partners.urls")),
    path("", include("coordo.planning.urls")),
    path("", include("coordo.dispatch.urls")),
]
