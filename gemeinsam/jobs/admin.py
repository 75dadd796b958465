from django.contrib import admin

from .models import BackgroundJob


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    exclude = ["arguments"]
    readonly_fields = ["kind", "title", "status", "done", "total", "result", "errors",
                       "started_by", "municipality", "finished_at"]
