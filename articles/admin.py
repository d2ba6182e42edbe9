import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from . import admin_views, services
from .forms import ArticleAdminForm
from .models import Article, Byline

# What an admin save may write; the workflow fields change only through services.
CONTENT_FIELDS = [
    *(f for f in ArticleAdminForm.Meta.fields if f not in {"dramas", "people"}),
    "lock_version",
    "modified_at",
]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in order; empty means you)"


class BylineFilter(admin.SimpleListFilter):
    title = "byline"
    parameter_name = "byline"

    def lookups(self, request, model_admin):
        writers = Byline.objects.values_list(
            "user__pk", "user__username", "user__first_name", "user__last_name"
        ).distinct()
        return sorted(
            (str(pk), f"{first} {last}".strip() or username)
            for pk, username, first, last in writers
        )

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(bylines__pk=int(self.value()))
        return queryset


def _run_bulk(request, queryset, transition, done):
    succeeded = 0
    for article in queryset:
        try:
            transition(article, by=request.user)
            succeeded += 1
        except (PermissionDenied, ValidationError) as error:
            reason = "; ".join(getattr(error, "messages", [str(error)]))
            messages.error(request, f"“{article}”: {reason}")
    if succeeded:
        messages.success(
            request, f"{done}: {succeeded} stor{'y' if succeeded == 1 else 'ies'}."
        )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "status_label", "when", "byline_names", "kind"]
    list_filter = [
        "status",
        "kind",
        BylineFilter,
        ("dramas", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["headline", "dek", "slug"]
    autocomplete_fields = ["dramas", "people", "lead_image"]
    inlines = [BylineInline]
    actions = ["submit_for_review", "publish_now", "withdraw"]
    readonly_fields = ["status_label", "when", "first_published_at", "updated_at"]
    date_hierarchy = "publish_at"
    fieldsets = [
        (None, {"fields": ["headline", "kind", "dek", "body", "lead_image"]}),
        ("About", {"fields": ["dramas", "people"]}),
        (
            "Address and search engines",
            {"fields": ["slug", "seo_title", "seo_description", "loaded_version"]},
        ),
        (
            "Publication",
            {"fields": ["status_label", "when", "first_published_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).editable_by(request.user)
        return queryset.prefetch_related("bylines")

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("schedule/", view(admin_views.schedule), name="articles_schedule"),
            path(
                "<int:pk>/transition/",
                view(admin_views.transition),
                name="articles_article_transition",
            ),
            path(
                "<int:pk>/preview/", view(admin_views.preview), name="articles_preview"
            ),
            path(
                "<int:pk>/preview-links/",
                view(admin_views.preview_links),
                name="articles_preview_links",
            ),
            path(
                "<int:pk>/notes/", view(admin_views.add_note), name="articles_add_note"
            ),
            path(
                "<int:pk>/revisions/",
                view(admin_views.revisions),
                name="articles_revisions",
            ),
            path(
                "<int:pk>/revisions/<int:version_id>/restore/",
                view(admin_views.restore),
                name="articles_restore",
            ),
            *super().get_urls(),
        ]

    # Permissions: the model permission, then the story's owner and status.
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed or services.is_editor(request.user):
            return allowed
        return services.can_edit(request.user, obj) and obj.first_published_at is None

    def has_publish_permission(self, request):
        return services.is_editor(request.user)

    # Saving: a revision per save, never over someone else's save.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Created." if object_id is None else "Edited.")
            context = {
                **(extra_context or {}),
                **admin_views.desk_panel(self, request, object_id),
            }
            return super().changeform_view(request, object_id, form_url, context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.save()
            return
        obj.lock_version = form.cleaned_data["loaded_version"] + 1
        obj.save(update_fields=CONTENT_FIELDS)
        services.keep_old_address(obj, form.initial.get("slug"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.bylines.exists():
            Byline.objects.create(article=form.instance, user=request.user)

    # Columns.
    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        return format_html(
            '<span class="desk-status desk-status--{}">{}</span>',
            article.status,
            article.get_status_display(),
        )

    @admin.display(description="goes live / went live", ordering="publish_at")
    def when(self, article):
        if not article.publish_at:
            return "—"
        return date_format(timezone.localtime(article.publish_at), "DATETIME_FORMAT")

    @admin.display(description="bylines")
    def byline_names(self, article):
        return ", ".join(str(user) for user in article.bylines.all())

    # Bulk actions go through the same services as the buttons.
    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        _run_bulk(request, queryset, services.submit, "Submitted for review")

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        _run_bulk(request, queryset, services.publish, "Published")

    @admin.action(description="Withdraw from the site", permissions=["publish"])
    def withdraw(self, request, queryset):
        _run_bulk(request, queryset, services.withdraw, "Withdrawn")
