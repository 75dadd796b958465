"""The action plan over the API: public reads, and writes for the municipality's people.

Public callers see published measures only; whoever may view drafts of the municipality (its
team, its administration, the platform team) sees drafts too, marked `published: false`.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from gemeinsam.core import selectors as core_selectors
from gemeinsam.core.errors import DomainError, StaleEdit

from . import selectors, services
from .models import ProgressReport, Status, Voice
from .rules import voice_of
from .serializers import (
    ConflictSerializer,
    IndicatorSerializer,
    MeasureDetailSerializer,
    MeasureSerializer,
    MeasureUpdateSerializer,
    PlanSerializer,
    ProgressReportSerializer,
    ReportCreateSerializer,
)

TAGS = ["action plan"]
# The text each side writes on a measure; the other side may not change it.
VOICE_FIELDS = {"administration_statement": Voice.ADMINISTRATION,
                "team_assessment": Voice.TEAM}
NOT_FOUND = OpenApiResponse(description="Unknown municipality or measure, or no action plan.")
DENIED = OpenApiResponse(description="Not signed in, or not allowed here.")


def _invalid(error):
    """A model's ValidationError as the API's 400."""
    return serializers.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class PlanAPIView(APIView):
    """Loads the municipality and its plan from the URL; knows whether the caller sees drafts."""

    @cached_property
    def municipality(self):
        return core_selectors.municipality_get(slug=self.kwargs["slug"])

    @cached_property
    def plan(self):
        plan = selectors.plan_get(municipality=self.municipality)
        if plan is None:
            raise NotFound(_("This municipality has no action plan on the platform yet."))
        return plan

    @property
    def public(self):
        return not self.request.user.has_perm("monitoring.view_drafts", self.municipality)

    def require(self, permission, obj=None):
        """403 (401 without credentials) unless the caller has `permission` here."""
        if not self.request.user.has_perm(permission, obj or self.municipality):
            self.permission_denied(self.request)

    def link(self, name, *args):
        return reverse(f"api:{name}", args=[self.municipality.slug, *args],
                       request=self.request)

    def measure_detail(self, pk):
        """The measure with everything `MeasureDetailSerializer` shows."""
        public = self.public
        measure = selectors.measure_get(plan=self.plan, public=public, pk=pk)
        detail = selectors.measure_detail(measure=measure, public=public)
        parent = measure.parent
        measure.parent_code = (parent.code if parent is not None
                               and (parent.published or not public) else None)
        measure.report_list = detail["reports"]
        measure.report_count = len(detail["reports"])
        measure.part_list = detail["parts"]
        return measure


@extend_schema(tags=TAGS)
class PlanView(PlanAPIView):
    @extend_schema(responses={200: PlanSerializer, 404: NOT_FOUND})
    def get(self, request, slug):
        """A municipality's action plan with its progress overall and per field of action."""
        data = selectors.dashboard(plan=self.plan, public=self.public)
        links = {"measures": self.link("plan-measure-list"),
                 "indicators": self.link("plan-indicator-list")}
        return Response(PlanSerializer(data, context={"links": links}).data)


@extend_schema(tags=TAGS)
class MeasureListView(PlanAPIView, generics.ListAPIView):
    serializer_class = MeasureSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("field", OpenApiTypes.STR,
                             description="Field of action, by id or by name."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values,
                             description="Effective status."),
            OpenApiParameter("q", OpenApiTypes.STR,
                             description="Search in code, title, teaser, description and tags."),
        ],
        responses={200: MeasureSerializer(many=True), 400: OpenApiResponse(
            description="Unknown field of action or status."), 404: NOT_FOUND},
    )
    def get(self, request, slug):
        """The plan's measures in tree order: each group before its parts."""
        return self.list(request)

    def _field(self):
        value = self.request.query_params.get("field", "").strip()
        if not value:
            return None
        fields = self.plan.fields.all()
        field = (fields.filter(pk=value) if value.isdigit() else
                 fields.filter(name__iexact=value)).first()
        if field is None:
            raise serializers.ValidationError({"field": [_("Unknown field of action.")]})
        return field

    def get_queryset(self):
        status_filter = self.request.query_params.get("status", "").strip()
        if status_filter and status_filter not in Status.values:
            raise serializers.ValidationError({"status": [_("Unknown status.")]})
        public = self.public
        measures = selectors.measure_list(
            plan=self.plan, public=public, field=self._field(), status=status_filter,
            query=self.request.query_params.get("q", "").strip())
        # Parents by code, and only visible ones: a draft group stays unnamed in public.
        visible = {pk: (code, count) for pk, code, count in selectors.measures_visible(
            plan=self.plan, public=public).annotate(count=Count("reports")).values_list(
            "pk", "code", "count")}
        for measure in measures:
            measure.parent_code = visible.get(measure.parent_id, (None,))[0]
            measure.report_count = visible.get(measure.pk, (None, 0))[1]
        return measures


@extend_schema(tags=TAGS)
class MeasureDetailView(PlanAPIView):
    @extend_schema(responses={200: MeasureDetailSerializer, 404: NOT_FOUND})
    def get(self, request, slug, pk):
        """A measure with its parts and its progress reports, newest first."""
        return Response(MeasureDetailSerializer(self.measure_detail(pk)).data)

    @extend_schema(
        request=MeasureUpdateSerializer,
        responses={200: MeasureDetailSerializer,
                   400: OpenApiResponse(description="Invalid or unchangeable fields."),
                   403: DENIED, 404: NOT_FOUND,
                   409: OpenApiResponse(ConflictSerializer,
                                        description="Someone saved since your version.")},
    )
    def patch(self, request, slug, pk):
        """Change the assessment, the statement or the status of a measure.

        The local team writes `team_assessment`, the administration `administration_statement`;
        status, progress and dates need the right to edit measures. Send the `version` you read:
        if someone saved in between, nothing changes and the answer is 409 with the current
        state.
        """
        self.require("monitoring.edit_measure")
        measure = selectors.measure_get(plan=self.plan, public=False, pk=pk)
        form = MeasureUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        changes = dict(form.validated_data)
        version = changes.pop("version")
        voice = voice_of(request.user, self.municipality)
        for name, side in VOICE_FIELDS.items():
            if name in changes and voice != side:
                self.permission_denied(request, message=(
                    _("Only the administration writes its statement.")
                    if side == Voice.ADMINISTRATION
                    else _("Only the local team writes its assessment.")))
        if (set(changes) - set(VOICE_FIELDS) and measure.published
                and not request.user.has_perm("monitoring.edit_measure_details",
                                              self.municipality)):
            self.permission_denied(request, message=_(
                "Team members change only the team's assessment of a published measure."))
        try:
            services.measure_update(measure=measure, version=version, **changes)
        except StaleEdit as error:
            current = MeasureDetailSerializer(self.measure_detail(pk)).data
            return Response({"detail": str(error.message), "current": current},
                            status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            raise _invalid(error) from None
        except DomainError as error:
            raise serializers.ValidationError({"detail": [str(error.message)]}) from None
        return Response(MeasureDetailSerializer(self.measure_detail(pk)).data)


@extend_schema(tags=TAGS)
class ReportCreateView(PlanAPIView):
    @extend_schema(request=ReportCreateSerializer,
                   responses={201: ProgressReportSerializer, 400: None, 403: DENIED,
                              404: NOT_FOUND})
    def post(self, request, slug, pk):
        """Report progress on a measure, for the side you belong to.

        The report sets the measure's status (and progress, if given) until the next one; the
        other side may then agree to it.
        """
        self.require("monitoring.report")
        voice = voice_of(request.user, self.municipality)
        if voice is None:
            self.permission_denied(request)
        measure = selectors.measure_get(plan=self.plan, public=False, pk=pk)
        form = ReportCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            report = services.report_create(measure=measure, voice=voice, author=request.user,
                                            **form.validated_data)
        except DjangoValidationError as error:
            raise _invalid(error) from None
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class ReportAgreeView(PlanAPIView):
    @extend_schema(request=None,
                   responses={200: ProgressReportSerializer, 403: DENIED, 404: NOT_FOUND,
                              409: OpenApiResponse(description="Agreed already.")})
    def post(self, request, slug, pk):
        """Agree to the other side's progress report: the administration to the team's, the
        team to the administration's."""
        self.require("monitoring.report")
        report = get_object_or_404(
            ProgressReport.objects.select_related("measure__plan__municipality"),
            pk=pk, measure__plan=self.plan)
        if report.agreed_at is not None:
            return Response({"detail": _("This report has been agreed already.")},
                            status=status.HTTP_409_CONFLICT)
        self.require("monitoring.agree", report)
        try:
            services.report_agree(report=report, user=request.user)
        except DomainError as error:
            return Response({"detail": str(error.message)}, status=status.HTTP_409_CONFLICT)
        return Response(ProgressReportSerializer(report).data)


@extend_schema(tags=TAGS)
class IndicatorListView(PlanAPIView):
    @extend_schema(responses={200: IndicatorSerializer(many=True), 404: NOT_FOUND})
    def get(self, request, slug):
        """The plan's indicators with their values and the straight path to the target."""
        public = self.public
        entries = selectors.indicators(plan=self.plan, public=public)
        visible = set(selectors.measures_visible(plan=self.plan, public=public)
                      .values_list("pk", flat=True))
        return Response(IndicatorSerializer(entries, many=True, context={
            "visible_measures": visible, "target_year": self.plan.target_year}).data)

