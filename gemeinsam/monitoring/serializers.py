"""The action plan in JSON. Nothing here names a person: reports say which side wrote them
(administration or team), never who."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent, build_choice_description_list
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Measure, ProgressReport, Status


class StatusField(serializers.ChoiceField):
    """A measure's status; documented once as `MeasureStatusEnum`, apart from the status of
    other things (such as background jobs) that share the field name."""

    def __init__(self, **kwargs):
        super().__init__(choices=Status.choices, **kwargs)


class StatusFieldExtension(OpenApiSerializerFieldExtension):
    target_class = StatusField

    def map_serializer_field(self, auto_schema, direction):
        component = ResolvedComponent(
            name="MeasureStatusEnum", type=ResolvedComponent.SCHEMA, object="MeasureStatusEnum",
            schema={"type": "string", "enum": Status.values,
                    "description": build_choice_description_list(Status.choices)})
        auto_schema.registry.register_on_missing(component)
        if self.target.allow_blank:
            return {"oneOf": [component.ref, {"type": "string", "enum": [""]}]}
        return component.ref


class FieldProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="field.pk", read_only=True)
    name = serializers.CharField(source="field.name", read_only=True)
    progress = serializers.IntegerField(read_only=True,
                                        help_text="Weighted completion in percent.")
    measure_count = serializers.IntegerField(source="count", read_only=True)
    statuses = serializers.DictField(child=serializers.IntegerField(), read_only=True)


class PlanSerializer(serializers.Serializer):
    """An action plan with its progress overall and per field of action."""

    # Takes what `selectors.dashboard()` returns.
    municipality = serializers.CharField(source="plan.municipality.slug", read_only=True)
    title = serializers.CharField(source="plan.title", read_only=True)
    adopted_on = serializers.DateField(source="plan.adopted_on", read_only=True,
                                       allow_null=True)
    target_year = serializers.IntegerField(source="plan.target_year", read_only=True,
                                          allow_null=True)
    source_url = serializers.URLField(source="plan.source_url", read_only=True)
    introduction = serializers.CharField(source="plan.introduction", read_only=True)
    progress = serializers.IntegerField(read_only=True,
                                        help_text="Weighted completion of the plan in percent.")
    measure_count = serializers.IntegerField(read_only=True)
    statuses = serializers.SerializerMethodField(
        help_text="Number of measures (without their groups) per effective status.")
    fields_of_action = FieldProgressSerializer(source="fields", many=True, read_only=True)
    measures = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_statuses(self, data):
        return {value: count for value, _label, count in data["distribution"]}

    @extend_schema_field(OpenApiTypes.URI)
    def get_measures(self, data):
        return self.context["links"]["measures"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_indicators(self, data):
        return self.context["links"]["indicators"]


class MeasureSerializer(serializers.ModelSerializer):
    """A measure in the plan's tree; `depth` 0 is a top-level measure."""

    # The view sets `parent_code` and `report_count`; `depth`, `effective_status` and
    # `effective_progress` come from `selectors.tree()`.
    parent = serializers.CharField(source="parent_code", allow_null=True, read_only=True,
                                   help_text="Code of the measure this one is part of.")
    depth = serializers.IntegerField(read_only=True)
    field = serializers.CharField(source="field.name", allow_null=True, read_only=True)
    department = serializers.CharField(source="department.name", allow_null=True,
                                       read_only=True)
    status = StatusField(read_only=True, allow_blank=True,
                         help_text="Empty on a group that rolls its status up from its parts.")
    effective_status = StatusField(
        read_only=True,
        help_text="The status, rolled up from the parts for a group without its own.")
    effective_progress = serializers.IntegerField(read_only=True)
    report_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "code", "title", "teaser", "parent", "depth", "field", "department",
                  "status", "progress", "effective_status", "effective_progress",
                  "status_agreed", "planned_start", "planned_end", "actual_start", "actual_end",
                  "report_count", "published"]
        read_only_fields = fields


class ProgressReportSerializer(serializers.ModelSerializer):
    """A progress report as the public sees it: which side, never which person."""

    evidence = serializers.ListField(child=serializers.CharField(), source="evidence_links",
                                     read_only=True)
    agreed = serializers.SerializerMethodField(help_text="Whether the other side agreed.")
    agreed_on = serializers.SerializerMethodField()
    status = StatusField(read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "reported_on", "voice", "status", "progress", "text", "evidence",
                  "agreed", "agreed_on"]
        read_only_fields = fields

    def get_agreed(self, report) -> bool:
        return report.agreed_at is not None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_agreed_on(self, report):
        return timezone.localdate(report.agreed_at) if report.agreed_at else None


class MeasurePartSerializer(serializers.ModelSerializer):
    effective_status = StatusField(read_only=True)
    effective_progress = serializers.IntegerField(read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "code", "title", "effective_status", "effective_progress", "published"]
        read_only_fields = fields


class MeasureDetailSerializer(MeasureSerializer):
    """A measure with its texts, its parts and its progress reports (newest first).

    Send `version` back with a PATCH."""

    # The view sets `report_list` and `part_list`.
    position = serializers.CharField(source="position.title", allow_null=True, read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), source="tag_list",
                                 read_only=True)
    parts = MeasurePartSerializer(source="part_list", many=True, read_only=True)
    reports = ProgressReportSerializer(source="report_list", many=True, read_only=True)

    class Meta(MeasureSerializer.Meta):
        fields = [f for f in MeasureSerializer.Meta.fields if f != "depth"] + [
            "description", "position", "weight", "cost", "funding_amount", "funding_programme",
            "priority", "focus_criteria", "source", "tags", "model_measure",
            "administration_statement", "team_assessment", "updated_at", "version", "parts",
            "reports"]
        read_only_fields = fields


class ReportCreateSerializer(serializers.Serializer):
    """A new progress report; the side it speaks for follows from the caller's role."""

    reported_on = serializers.DateField(default=timezone.localdate,
                                        help_text="As of; today if left out.")
    status = StatusField()
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False,
                                        allow_null=True, default=None)
    text = serializers.CharField()
    evidence = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, default=list,
        help_text="Links or references to council papers, articles.")

    def validate_evidence(self, value):
        return "\n".join(line.strip() for line in value if line.strip())


class MeasureUpdateSerializer(serializers.Serializer):
    """What the API may change on a measure. `version` is the one you read; if someone saved
    since, the answer is 409 with the current state."""

    version = serializers.IntegerField(min_value=1)
    team_assessment = serializers.CharField(required=False, allow_blank=True,
                                            help_text="Only the local team writes this.")
    administration_statement = serializers.CharField(
        required=False, allow_blank=True, help_text="Only the administration writes this.")
    status = StatusField(required=False, allow_blank=True)
    progress = serializers.IntegerField(min_value=0, max_value=100, required=False,
                                        allow_null=True)
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_end = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: [_("This field cannot be changed through the API.")] for name in unknown})
        return attrs


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current = MeasureDetailSerializer()


class IndicatorValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField()


class IndicatorSerializer(serializers.Serializer):
    """An indicator with its measured values and the straight path to the plan's target."""

    # Takes an entry of `selectors.indicators()`.
    id = serializers.IntegerField(source="indicator.pk")
    name = serializers.CharField(source="indicator.name")
    unit = serializers.CharField(source="indicator.unit")
    source = serializers.CharField(source="indicator.source")
    measure = serializers.SerializerMethodField(help_text="The measure it belongs to, if any.")
    baseline_year = serializers.IntegerField(source="indicator.baseline_year", allow_null=True)
    baseline_value = serializers.FloatField(source="indicator.baseline_value", allow_null=True)
    target_value = serializers.FloatField(source="indicator.target_value", allow_null=True)
    target_year = serializers.SerializerMethodField()
    published = serializers.BooleanField(source="indicator.published")
    values = IndicatorValueSerializer(many=True)
    target_path = serializers.SerializerMethodField(
        help_text="Values on the straight line from the base value to the target.")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_measure(self, entry):
        measure_id = entry["indicator"].measure_id
        return measure_id if measure_id in self.context["visible_measures"] else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_target_year(self, entry):
        return self.context["target_year"]

    @extend_schema_field(IndicatorValueSerializer(many=True))
    def get_target_path(self, entry):
        return [{"year": year, "value": value} for year, value in sorted(entry["path"].items())]
