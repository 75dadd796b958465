from django.contrib import admin

from .models import DirectoryEntry, Invitation, JoinRequest, Membership, Municipality, SitePage


@admin.register(DirectoryEntry)
class DirectoryEntryAdmin(admin.ModelAdmin):
    list_display = ["official_name", "ags", "kind", "population", "has_climate_referendum_team"]
    list_filter = ["kind", "has_climate_referendum_team"]
    search_fields = ["official_name", "=ags"]


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "team_name", "created_at"]
    search_fields = ["name", "slug", "=directory_entry__ags"]
    raw_id_fields = ["directory_entry"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "municipality", "role", "created_at", "expires_at", "accepted_at",
                    "revoked_at"]
    list_filter = ["role", "municipality"]
    exclude = ["token_hash"]
    readonly_fields = ["accepted_at", "accepted_by", "renewal_requested_at"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "status", "created_at"]
    list_filter = ["status", "municipality"]


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ["key", "title_de", "updated_at"]
