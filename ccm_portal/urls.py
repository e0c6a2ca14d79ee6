from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from meetings import urls as meetings_urls
from pages import urls as pages_urls

from . import views

# The admin signs in through allauth, so allauth's rate limits and MFA apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("CCM Portal administration")
admin.site.site_title = _("CCM Portal")
admin.site.index_title = _("Implementation Support Unit")

# The meetings namespace holds the meetings app's own pages and, under the names they have
# always had, a meeting's and a delegation's pages, which show several apps and so live in pages/.
meetings_namespace = ([*meetings_urls.urlpatterns, *pages_urls.meetings_urlpatterns], meetings_urls.app_name)

# Outside the languages: machines' addresses and the language switch itself.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots, name="robots"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", views.choose_language, name="choose-language"),
    # The open data API: one address per resource, the language chosen by ?lang= (api/http.py).
    path("api/v1/", include("api.urls")),
]

# Every page in each interface language: English unprefixed, /fr/... and /es/...
# (ccm_portal/lib/i18n.py says why).
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("documents/", include("documents.urls")),
    path("machinery/", include("machinery.urls")),
    path("consultations/", include("consultations.urls")),
    path("submissions/", include("submissions.urls")),
    path("meetings/<slug:slug>/registration/", include("registration.urls")),
    path("reporting/", include("reporting.urls")),
    path("", include(meetings_namespace)),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
