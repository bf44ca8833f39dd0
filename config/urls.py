from django.urls import include, path

from coordo.api.urls import api_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api_urls()),
    path("", include("coordo.access.urls")),
    path("", include("coordo.people.urls")),
]
