from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.reverse import reverse

from gemeinsam.core import selectors
from gemeinsam.jobs.models import BackgroundJob

from .serializers import BackgroundJobSerializer, MeSerializer, MunicipalitySerializer


@extend_schema(exclude=True)
@api_view(["GET"])
def root(request, format=None):
    """Gemeinsam's API. Scripts authenticate with the header 'Authorization: Token <key>'."""
    return Response({
        name: reverse(f"api:{view}", request=request, format=format)
        for name, view in [("municipalities", "municipality-list"),
                           ("initiatives", "initiative-list"), ("me", "me"),
                           ("schema", "schema"), ("docs", "docs")]
    })


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Municipalities with a space on the platform (public)."""

    serializer_class = MunicipalitySerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.municipality_list()


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated])
def me(request):
    """The signed-in person and their roles."""
    return Response(MeSerializer(request.user).data)


@extend_schema(responses=BackgroundJobSerializer)
@api_view(["GET"])
@permission_classes([permissions.IsAuthenticated])
def job_detail(request, job_id):
    """Progress of a background job that you started."""
    job = get_object_or_404(BackgroundJob, pk=job_id)
    if not request.user.has_perm("jobs.view_job", job):
        raise PermissionDenied
    return Response(BackgroundJobSerializer(job).data)
