"""The Mitmachkarte's initiatives over the API: a paginated GeoJSON FeatureCollection of the
published initiatives of every municipality, with public fields only."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from gemeinsam.core.models import Municipality

from . import selectors_initiatives
from .selectors import BoundingBox


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class FeaturePagination(LimitOffsetPagination):
    """`limit` and `offset` as usual; the page is a FeatureCollection that carries `count`,
    `next` and `previous` as foreign members (RFC 7946, 6.1)."""

    default_limit = 100
    max_limit = 1000

    def get_paginated_response(self, data):
        return Response({"type": "FeatureCollection", "count": self.count,
                         "next": self.get_next_link(), "previous": self.get_previous_link(),
                         "features": data})


_CATEGORY = {"type": "object", "properties": {
    "slug": {"type": "string"}, "name": {"type": "string"}, "name_en": {"type": "string"},
    "color": {"type": "string", "example": "#2e7d32"}}}
_PROPERTIES = {
    "name": {"type": "string"}, "description": {"type": "string", "description": "Markdown."},
    "address": {"type": "string"}, "website": {"type": "string"},
    "social_links": {"type": "string", "description": "One web address per line."},
    "opening_hours": {"type": "string"}, "how_to_join": {"type": "string"},
    "languages": {"type": "string"}, "accessibility": {"type": "string"},
    "image": {"type": "string", "format": "uri", "nullable": True},
    "image_alt": {"type": "string"}, "updated_at": {"type": "string", "format": "date-time"},
    "municipality": {"type": "string", "description": "Slug of the municipality."},
    "categories": {"type": "array", "items": _CATEGORY},
    "url": {"type": "string", "format": "uri", "description": "The initiative's page."},
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "count", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "count": {"type": "integer", "description": "Initiatives matching, on all pages."},
        "next": {"type": "string", "format": "uri", "nullable": True},
        "previous": {"type": "string", "format": "uri", "nullable": True},
        "features": {"type": "array", "items": {"type": "object", "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "integer"},
            "geometry": {"type": "object", "nullable": True,
                         "description": "A Point [longitude, latitude] (WGS 84), or null for "
                                        "an initiative without a place.",
                         "properties": {"type": {"type": "string", "enum": ["Point"]},
                                        "coordinates": {"type": "array",
                                                        "items": {"type": "number"}}}},
            "properties": {"type": "object", "properties": _PROPERTIES},
        }}},
    },
}


def _query_values(request, name):
    """Repeated and comma-separated values of a query parameter."""
    return [part.strip() for value in request.query_params.getlist(name)
            for part in value.split(",") if part.strip()]


class InitiativeListView(APIView):
    permission_classes = [permissions.AllowAny]
    renderer_classes = [GeoJSONRenderer, JSONRenderer, BrowsableAPIRenderer]

    @extend_schema(
        tags=["Mitmachkarte"],
        parameters=[
            OpenApiParameter("bbox", OpenApiTypes.STR, description=(
                "Only initiatives inside this box: west,south,east,north in degrees (WGS 84), "
                "for example 8.35,49.95,8.50,50.02. West greater than east crosses the 180th "
                "meridian.")),
            OpenApiParameter("category", OpenApiTypes.STR, many=True, description=(
                "Only initiatives of one of these categories, by short name (slug), repeated "
                "or separated by commas, for example repair-cafe,foodsharing.")),
            OpenApiParameter("q", OpenApiTypes.STR,
                             description="Search in name, description and address."),
            OpenApiParameter("municipality", OpenApiTypes.STR,
                             description="Only this municipality, by its slug."),
            OpenApiParameter("limit", OpenApiTypes.INT,
                             description="Features per page (default 100, at most 1000)."),
            OpenApiParameter("offset", OpenApiTypes.INT,
                             description="Features to skip."),
        ],
        responses={
            200: OpenApiResponse(response=FEATURE_COLLECTION, description=(
                "A GeoJSON FeatureCollection (RFC 7946) of one page, ordered by name.")),
            400: OpenApiResponse(description="Invalid bbox or unknown municipality."),
        },
    )
    def get(self, request):
        """Published initiatives of the Mitmachkarte of all municipalities, as GeoJSON.
        Contact people and e-mail addresses are never part of the answer."""
        errors = {}
        bbox = None
        if request.query_params.get("bbox", "").strip():
            try:
                bbox = BoundingBox.parse(request.query_params["bbox"])
            except ValueError as error:
                errors["bbox"] = [_("Invalid bbox: %(problem)s. Expected four numbers "
                                    "west,south,east,north in degrees, for example "
                                    "8.35,49.95,8.50,50.02.") % {"problem": str(error)[:100]}]
        municipality = None
        slug = request.query_params.get("municipality", "").strip()
        if slug:
            municipality = Municipality.objects.filter(slug=slug).first()
            if municipality is None:
                errors["municipality"] = [_("There is no municipality “%(slug)s”.")
                                          % {"slug": slug[:100]}]
        if errors:
            raise serializers.ValidationError(errors)
        initiatives = selectors_initiatives.filtered(
            municipality=municipality, categories=_query_values(request, "category"),
            q=request.query_params.get("q", "").strip()[:200], bbox=bbox)
        paginator = FeaturePagination()
        rows = paginator.paginate_queryset(selectors_initiatives.api_rows(initiatives), request,
                                           view=self)
        return paginator.get_paginated_response(
            selectors_initiatives.api_features(rows, absolute=request.build_absolute_uri))
