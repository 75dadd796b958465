from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from gemeinsam.monitoring import api as monitoring_api
from gemeinsam.participation import api as participation_api

from . import views

app_name = "api"

router = SimpleRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")

urlpatterns = [
    path("", views.root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets inline styles; its scripts still come only from our own origin.
    path("docs/", csp_update({"style-src": [UNSAFE_INLINE]})(
        SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("me/", views.me, name="me"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="job-detail"),
    # A municipality's action plan (gemeinsam.monitoring).
    path("municipalities/<slug:slug>/plan/", monitoring_api.PlanView.as_view(), name="plan"),
    path("municipalities/<slug:slug>/plan/measures/", monitoring_api.MeasureListView.as_view(),
         name="plan-measure-list"),
    path("municipalities/<slug:slug>/plan/measures/<int:pk>/",
         monitoring_api.MeasureDetailView.as_view(), name="plan-measure-detail"),
    path("municipalities/<slug:slug>/plan/measures/<int:pk>/reports/",
         monitoring_api.ReportCreateView.as_view(), name="plan-report-create"),
    path("municipalities/<slug:slug>/plan/reports/<int:pk>/agree/",
         monitoring_api.ReportAgreeView.as_view(), name="plan-report-agree"),
    path("municipalities/<slug:slug>/plan/indicators/",
         monitoring_api.IndicatorListView.as_view(), name="plan-indicator-list"),
    # The Mitmachkarte's initiatives of all municipalities (gemeinsam.participation).
    path("initiatives/", participation_api.InitiativeListView.as_view(), name="initiative-list"),
    *router.urls,
]
