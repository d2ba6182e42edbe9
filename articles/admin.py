import datetime
from collections import Counter
from functools import partial

import reversion
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from js_asset.media import Media

from dramas.admin import DramaFilter
from newsdesk.caching import page_generation
from newsdesk.changelist import ChangeList
from newsdesk.desk_time import desk_time
from newsdesk.paging import CappedPaginator
from newsdesk.phrases import CachedIndex
from newsdesk.slugs import made_from, unique_slug

from . import admin_views, deskcheck, pages, services
from .drafting import views as drafting_views
from .forms import ArticleAdminForm, BylineForm, WithdrawForm
from .models import Article, Byline

SLUG_LENGTH = Article._meta.get_field("slug").max_length
# What an admin save may write; the workflow fields change only through services.
CONTENT_FIELDS = [
    *(f for f in ArticleAdminForm.Meta.fields if f not in {"dramas", "people"}),
    "lock_version",
    "modified_at",
]


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in order; empty means you)"

    readonly_fields = ["writer"]

    def get_queryset(self, request):
        # Each row's name (Byline.__str__) reads its writer.
        return super().get_queryset(request).select_related("user")

    def get_fields(self, request, obj=None):
        # Read only, the account would show as its login; the desk names writers.
        # The story decides: Django shows its inlines read only when it is.
        if obj is not None and not services.can_edit(request.user, obj):
            return ["writer", "position"]
        return super().get_fields(request, obj)

    @admin.display(description="user")
    def writer(self, byline):
        return byline.user.get_full_name() or byline.user.username


def _writers():
    # One index probe per user, not a pass over every byline in the archive.
    has_byline = Exists(Byline.objects.filter(user=OuterRef("pk")))
    writers = get_user_model().objects.filter(has_byline).only(*pages.NAME_FIELDS)
    return sorted(
        ((str(u.pk), u.get_full_name() or u.username) for u in writers),
        key=lambda choice: choice[1],
    )


# Everyone with a byline, kept by each process until a byline or a user changes
# (ArticlesConfig.ready): it was a query on every list.
writers = CachedIndex("desk-writers", _writers, build=list)


class BylineFilter(admin.SimpleListFilter):
    title = "byline"
    parameter_name = "byline"

    def lookups(self, request, model_admin):
        return writers.get()

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookup_choices):
            return queryset.filter(bylines__pk=int(self.value()))
        return queryset


# A bulk publication or withdrawal names this many of the stories it will move.
CONFIRM_LISTED = 50
BULK_TITLES = {
    # (one story, several)
    "publish_now": ("Publish a story now", "Publish stories now"),
    "withdraw": ("Withdraw a story from the site", "Withdraw stories from the site"),
}
IN_THE_NEWS_FROM = 200
# The desk's "drama in the news" choices are kept this long, or until the next
# publish, schedule or withdrawal: counting them cost 6 ms of every list at 100,000
# stories on PostgreSQL, and the answer moves only when stories go out.
IN_THE_NEWS_SECONDS = 300


class DeskPaginator(CappedPaginator):
    """Counts up to 100 pages of 25: 2,500 stories, not all 100,000."""

    max_pages = 100


class StoryList(ChangeList):
    """The rows show no body, the longest thing a story has; actions still get
    whole stories (they come from get_queryset)."""

    def get_results(self, request):
        self.queryset = self.queryset.defer("body")
        super().get_results(request)


class DramaInTheNewsFilter(DramaFilter):
    """The shows with the most stories among the last 30 days' newest 200, not
    all 3,000 shows (nor all of a busy month's stories: 8,600 on the bench desk),
    counted once per IN_THE_NEWS_SECONDS or publication, not on every list."""

    title = "drama in the news"

    def offered(self, request):
        key = f"newsdesk:desk:dramas-in-the-news:{page_generation()}"
        return cache.get_or_set(key, self.busiest, timeout=IN_THE_NEWS_SECONDS)

    @staticmethod
    def busiest():
        since = timezone.now() - datetime.timedelta(days=30)
        recent = Article.objects.filter(publish_at__gte=since)
        dramas = recent.busiest_dramas(among=IN_THE_NEWS_FROM, limit=20)
        return [(str(drama.pk), drama.title) for drama, _stories in dramas]


class PublicationTimeFilter(admin.DateFieldListFilter):
    """Django's date choices, in the desk's words: a story with no publication time
    has never been scheduled, which "No date" did not say."""

    WORDS = {"No date": "Never scheduled", "Has date": "Scheduled or published"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.links = tuple((self.WORDS.get(str(t), t), p) for t, p in self.links)


def _slug_follows_headline(article, form):
    """While a story has never been out or scheduled, a slug filled in from the
    headline follows it when the headline changes, as WordPress's does for drafts;
    one written by hand stays, and so does an address readers may have had."""
    old_slug, old_headline = form.initial.get("slug", ""), form.initial.get("headline")
    return (
        "headline" in form.changed_data
        and "slug" not in form.changed_data
        and article.status in {Article.Status.DRAFT, Article.Status.IN_REVIEW}
        and article.first_published_at is None
        and made_from(old_slug, old_headline, max_length=SLUG_LENGTH)
    )


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


def _run_confirmed(request, going, transition, done, *, nothing):
    """A bulk action the editor has confirmed, on the stories it named."""
    if not going.exists():  # another editor got there first
        messages.warning(request, nothing)
        return
    _run_bulk(request, going, transition, done)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "status_label",
        "when",
        "byline_names",
        "kind",
        "last_saved",
    ]
    list_filter = [
        "status",
        "kind",
        ("publish_at", PublicationTimeFilter),
        BylineFilter,
        DramaInTheNewsFilter,
    ]
    search_fields = ["headline", "dek", "slug"]
    autocomplete_fields = ["dramas", "people", "lead_image"]
    inlines = [BylineInline]
    actions = ["submit_for_review", "publish_now", "withdraw"]
    readonly_fields = ["status_label", "when", "first_published", "public_update"]
    ordering = ["-modified_at"]
    # At 100,000 stories, counting them all again on every list costs more than
    # the list itself.
    show_full_result_count = False
    # The desk finds older stories by searching and filtering, not on page 300.
    paginator = DeskPaginator
    # Each row costs about half a millisecond to render: 100 rows took 50 ms.
    # Twenty-five fill a screen; WordPress shows twenty.
    list_per_page = 25
    fieldsets = [
        (None, {"fields": ["headline", "kind", "dek", "body", "lead_image"]}),
        ("About", {"fields": ["dramas", "people"]}),
        (
            "Address and search engines",
            {"fields": ["slug", "seo_title", "seo_description", "loaded_version"]},
        ),
        (
            "Publication",
            {"fields": ["status_label", "when", "first_published", "public_update"]},
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).editable_by(request.user)
        return queryset.prefetch_related(pages.bylines())

    def get_object(self, request, object_id, from_field=None):
        """Read once when the form is opened: the desk panel and Django's change
        view both ask for the story (and its bylines). A save reads it inside its
        own transaction, as Django does, so that it acts on the story's status as
        it is then, not as it was a moment before."""
        if request.method not in ("GET", "HEAD"):
            return super().get_object(request, object_id, from_field)
        asked = (str(object_id), from_field or self.opts.pk.attname)
        read = getattr(request, "_newsdesk_story", None)
        if read is None or read[0] != asked:
            read = (asked, super().get_object(request, object_id, from_field))
            request._newsdesk_story = read
        return read[1]

    def get_changelist(self, request, **kwargs):
        return StoryList

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        """Django's checkbox, written out: through a widget template it cost 5 ms
        a list of 50."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this story for an action - {}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            obj,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("schedule/", view(admin_views.schedule), name="articles_schedule"),
            path("draft/", view(drafting_views.draft), name="articles_draft"),
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

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_live() else None

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
                **admin_views.story_copy(request, object_id),
            }
            return super().changeform_view(request, object_id, form_url, context)

    def history_view(self, request, object_id, extra_context=None):
        """The story's page keeps its history (status changes, revisions, links):
        Django's list of admin saves knew nothing of publications or withdrawals,
        and said a story moved only by the workflow had no history at all."""
        # As Django's history view answers for a story this user cannot see.
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        url = reverse("admin:articles_article_change", args=[article.pk])
        return redirect(f"{url}#audit-title")

    def changelist_view(self, request, extra_context=None):
        # "Save" lands here: the browser's copy of what was saved can go.
        context = {**(extra_context or {}), **admin_views.story_copy(request)}
        return super().changelist_view(request, context)

    def response_add(self, request, obj, post_url_continue=None):
        admin_views.story_saved(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        admin_views.story_saved(request, obj.pk)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's import map is an inline script: the policy lets it run only
        # with this request's nonce.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.save()
            return
        obj.lock_version = form.cleaned_data["loaded_version"] + 1
        if _slug_follows_headline(obj, form):
            obj.slug = unique_slug(obj, obj.headline)
        obj.save(update_fields=CONTENT_FIELDS)
        services.keep_old_address(obj, form.initial.get("slug"))
        services.content_saved(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not article.bylines.exists():
            Byline.objects.create(article=article, user=request.user)
        findings = services.check_copy(article)
        if findings:
            counts = Counter(f.level for f in findings)
            summary = ", ".join(
                f"{n} {level}{'s' * (n > 1)}" for level, n in counts.items()
            )
            messages.warning(request, f"Desk checks on “{article}”: {summary}.")

    # Columns.
    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        status = article.effective_status  # past its minute, a scheduled story is live
        return format_html(
            '<span class="desk-status desk-status--{}">{}</span>', status, status.label
        )

    @admin.display(description="goes live / went live", ordering="publish_at")
    def when(self, article):
        return desk_time(article.publish_at)

    # The list's own order: the stories worked on last come first.
    @admin.display(description="last saved", ordering="modified_at")
    def last_saved(self, article):
        return desk_time(article.modified_at)

    @admin.display(description="first published")
    def first_published(self, article):
        return desk_time(article.first_published_at)

    @admin.display(description="public update time")
    def public_update(self, article):
        return (
            desk_time(article.updated_at)
            + " (moves only with a correction or update note)"
        )

    @admin.display(description="body")
    def rendered_body(self, article):
        return mark_safe(article.body)  # sanitized against the allow-list on save

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: show the body as readers will see it, not as HTML source.
        main = dict(
            fieldsets[0][1],
            fields=["headline", "kind", "dek", "rendered_body", "lead_image"],
        )
        return [(None, main), *fieldsets[1:]]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "rendered_body"]

    @admin.display(description="bylines")
    def byline_names(self, article):
        return ", ".join(u.get_full_name() or u.username for u in article.bylines.all())

    # Bulk actions go through the same services as the buttons.
    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        _run_bulk(request, queryset, services.submit, "Submitted for review")

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        """Asks first, naming the stories, as the story's own Publish button does:
        readers see them at once, and a draft goes out without a review."""
        going = services.publishable(queryset)
        if "post" in request.POST:
            _run_confirmed(
                request,
                going,
                services.publish,
                "Published",
                nothing="Nothing was published: all of those stories are on the site "
                "already.",
            )
            return None
        return self._confirm_bulk(request, queryset, going, "publish_now")

    @admin.action(description="Withdraw from the site", permissions=["publish"])
    def withdraw(self, request, queryset):
        """Asks for the reason first, as the story's own page does: it goes in
        each story's audit trail."""
        going = queryset.filter(status__in=services.WITHDRAWABLE)
        form = WithdrawForm(request.POST if "post" in request.POST else None)
        if form.is_valid():
            # The others were named as staying as they are: no error for each.
            _run_confirmed(
                request,
                going,
                partial(services.withdraw, note=form.cleaned_data["note"]),
                "Withdrawn",
                nothing="Nothing was withdrawn: none of those stories is on the site "
                "or scheduled any more.",
            )
            return None
        return self._confirm_bulk(request, queryset, going, "withdraw", form=form)

    def _confirm_bulk(self, request, queryset, going, action, form=None):
        """The page naming what a bulk action will do, before it does it."""
        going_count = going.count()
        listed = list(going.defer("body")[:CONFIRM_LISTED])
        for story in listed:
            story.errors = deskcheck.errors_in(story)
        context = {
            **self.admin_site.each_context(request),
            "title": BULK_TITLES[action][going_count != 1],
            "opts": self.model._meta,
            "action": action,
            "form": form,
            "going": listed,
            "going_count": going_count,
            "unlisted": max(going_count - CONFIRM_LISTED, 0),
            "staying_count": queryset.count() - going_count,
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            # Read as Django's action form reads it, and passed on as 1 or 0.
            "select_across": int(
                helpers.ActionForm.base_fields["select_across"].to_python(
                    request.POST.get("select_across")
                )
            ),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/articles/article/bulk_confirmation.html", context
        )
