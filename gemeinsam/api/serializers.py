from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gemeinsam.accounts.models import User
from gemeinsam.core import selectors
from gemeinsam.core.models import Membership, Municipality
from gemeinsam.jobs.models import BackgroundJob


class MunicipalitySerializer(serializers.ModelSerializer):
    """Public facts of a space; never a person."""

    ags = serializers.CharField(source="directory_entry.ags", read_only=True)
    population = serializers.IntegerField(source="directory_entry.population", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:municipality-detail",
                                               lookup_field="slug")
    plan = serializers.HyperlinkedIdentityField(view_name="api:plan", lookup_field="slug")

    class Meta:
        model = Municipality
        fields = ["url", "slug", "name", "ags", "population", "team_name", "introduction",
                  "plan"]


class MembershipSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["municipality", "role", "joined_at"]


class MeSerializer(serializers.ModelSerializer):
    is_platform_admin = serializers.BooleanField(source="is_superuser")
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["email", "display_name", "organisation", "preferred_language",
                  "is_platform_admin", "memberships"]

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user):
        return MembershipSerializer(selectors.memberships_of_user(user=user), many=True).data


class BackgroundJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = BackgroundJob
        fields = ["id", "kind", "title", "status", "done", "total", "result", "errors",
                  "created_at", "finished_at"]
