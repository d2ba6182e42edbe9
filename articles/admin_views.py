"""The desk's screens beyond the change form: workflow buttons, previews, revisions,
corrections and the schedule. Each is HTTP glue around a service."""

import datetime
import re
from itertools import groupby

from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.views.decorators.http import require_POST
from reversion.models import Version

from newsdesk.desk_time import desk_time

from . import deskcheck, diffs, previews, services
from .forms import PublicNoteForm, TransitionForm
from .models import Article, PreviewLink


def _article(request, pk):
    """The story, if this user may see it in the desk; a 404 otherwise."""
    return get_object_or_404(Article.objects.editable_by(request.user), pk=pk)


def _back(article):
    return redirect("admin:articles_article_change", article.pk)


def _report(request, error):
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


VERSIONS_SHOWN = 30


def desk_panel(model_admin, request, object_id):
    """Context for the change form: workflow, audit trail, revisions, previews."""
    if object_id is None:
        return {}
    article = model_admin.get_object(request, object_id)
    if article is None:
        return {}
    # One more than shown, to know whether the oldest shown is the first of all.
    versions = list(
        Version.objects.get_for_object(article).select_related("revision__user")[
            : VERSIONS_SHOWN + 1
        ]
    )
    audit = list(article.status_changes.select_related("by")[:50])
    typed = _typed(request, article)
    move = services.current_move(article, audit)
    return {
        "desk": {
            "article": article,
            "is_editor": services.is_editor(request.user),
            "can_edit": services.can_edit(request.user, article),
            "blockers": services.publish_blockers(article),
            "has_errors": deskcheck.errors_in(article) > 0,
            "audit": audit,
            # A refused button's typed values, shown once (see _keep_typed).
            "typed": typed,
            # At the top, where the writer looks first: what the editor asked for.
            "sent_back": move if article.status == Article.Status.DRAFT else None,
            "withdrawal": move if article.status == Article.Status.WITHDRAWN else None,
            "versions": versions[:VERSIONS_SHOWN],
            "older_versions": len(versions) > VERSIONS_SHOWN,
            "links": [
                (link, previews.url_for(request, link))
                for link in article.preview_links.select_related("created_by")[:10]
            ],
            "notes": article.public_notes.all(),
            "note_form": PublicNoteForm(
                initial={name: typed[name] for name in NOTE_TYPED if name in typed}
            ),
        }
    }


# The stories whose saves have just gone through, for story-copy.js on the page a save
# leads to (the list, the story, a new story's form): their copies in the browser can
# go. A list, for saves in several tabs; each is read once.
SAVED = "desk-saved-stories"
SAVED_KEPT = 20
NEW = "new"
# The copy of a new story is named by its form (story-copy.js adds the field).
NEW_COPY = re.compile(r"new-[0-9a-z]{1,32}")


def story_saved(request, pk=None):
    """A save of story `pk` went through; or, with no `pk`, of the new story whose
    form posted the name of its copy."""
    if pk is None:
        copy = request.POST.get("_story_copy", "")
        if not NEW_COPY.fullmatch(copy):
            return
    else:
        copy = str(pk)
    request.session[SAVED] = [*request.session.get(SAVED, []), copy][-SAVED_KEPT:]


def story_copy(request, object_id=None):
    """What story-copy.js needs: whose copy and of which story (a new one when
    `object_id` is None; a refused new story's form keeps its copy's name), and
    which stories the desk has just saved, once."""
    saved = request.session.pop(SAVED, []) if request.method == "GET" else []
    posted = request.POST.get("_story_copy", "") if object_id is None else ""
    return {
        "story_copy": {
            "user": request.user.pk,
            "story": str(object_id or NEW),
            "posted": posted if NEW_COPY.fullmatch(posted) else "",
            "saved": " ".join(saved),
        }
    }


# Where a refused form's typed values wait for the story's page: one slot a session.
TYPED = "desk-typed"
NOTE_TYPED = ["kind", "text"]


def _keep_typed(request, article, names):
    """What a refused form held (a time, a reason, a note), for the story's page to
    fill in again: the refusal is a redirect, and it must not lose them."""
    typed = {name: request.POST.get(name, "")[:2000] for name in names}
    request.session[TYPED] = {**typed, "story": article.pk}


def _typed(request, article):
    """The values _keep_typed kept for this story, once."""
    typed = request.session.pop(TYPED, None) or {}
    return typed if typed.get("story") == article.pk else {}


@require_POST
def transition(request, pk):
    article = _article(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        _report(request, ValidationError(list(form.errors.values())[0]))
        _keep_typed(request, article, TransitionForm.TYPED)
        return _back(article)
    action, note = form.cleaned_data["action"], form.cleaned_data["note"]
    reason = form.cleaned_data["override_reason"]
    calls = {
        "submit": lambda: services.submit(article, by=request.user),
        "publish": lambda: services.publish(
            article, by=request.user, override_reason=reason
        ),
        "schedule": lambda: services.schedule(
            article,
            by=request.user,
            publish_at=form.cleaned_data["publish_at"],
            override_reason=reason,
        ),
        "send_back": lambda: services.send_back(article, by=request.user, note=note),
        "withdraw": lambda: services.withdraw(article, by=request.user, note=note),
    }
    try:
        change = calls[action]()
    except ValidationError as error:
        _report(request, error)
        _keep_typed(request, article, TransitionForm.TYPED)
    else:
        status = change.get_to_status_display().lower()
        if change.to_status == article.Status.SCHEDULED:
            status += f" for {desk_time(article.publish_at)}"
        revoked = getattr(change, "links_revoked", 0)
        if revoked:
            status += (
                f"; its {revoked} preview link{'s' * (revoked > 1)} no longer "
                f"work{'s' * (revoked == 1)}"
            )
        messages.success(request, f"“{article}” is now {status}.")
        errors = deskcheck.errors_in(article)
        if change.to_status == article.Status.IN_REVIEW and errors:
            messages.warning(
                request,
                f"Desk checks found {errors} error{'s' * (errors > 1)} in it, listed "
                "under Desk checks: they hold it back from publication until fixed, "
                "or until an editor goes ahead with a written reason.",
            )
    return _back(article)


def preview(request, pk):
    article = _article(request, pk)
    return previews.render(
        request,
        article,
        banner="Preview for the desk",
        back_url=reverse("admin:articles_article_change", args=[article.pk]),
    )


@require_POST
def preview_links(request, pk):
    article = _article(request, pk)
    if "revoke" in request.POST:
        revoke = request.POST["revoke"]
        # A hand-made POST may name no number at all: that link does not exist either.
        links = PreviewLink.objects.filter(article=article)
        link = get_object_or_404(links, pk=int(revoke) if revoke.isdecimal() else None)
        services.revoke_preview_link(link, by=request.user)
        messages.success(request, "The preview link no longer works.")
    else:
        try:
            link = services.create_preview_link(article, by=request.user)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(
                request,
                f"Share this link (valid 48 hours): {previews.url_for(request, link)}",
            )
    return _back(article)


@require_POST
def add_note(request, pk):
    article = _article(request, pk)
    form = PublicNoteForm(request.POST)
    if not form.is_valid():
        _report(
            request, ValidationError("Choose correction or update and write the note.")
        )
        _keep_typed(request, article, NOTE_TYPED)
        return _back(article)
    try:
        services.add_public_note(article, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _report(request, error)
        _keep_typed(request, article, NOTE_TYPED)
    else:
        messages.success(request, "The note is on the story, with the time.")
    return _back(article)


def revisions(request, pk):
    """Two revisions side by side as a word-level diff (default: newest against the one
    before it)."""
    article = _article(request, pk)
    versions = list(
        Version.objects.get_for_object(article).select_related("revision__user")
    )
    by_id = {str(v.pk): v for v in versions}
    new = by_id.get(request.GET.get("to")) or (versions[0] if versions else None)
    old = by_id.get(request.GET.get("from")) or next(
        (
            v
            for v in versions
            if new and v.revision.date_created < new.revision.date_created
        ),
        None,
    )
    changes = diffs.compare(old.field_dict, new.field_dict) if old and new else []
    others = diffs.other_changes(old.field_dict, new.field_dict) if old and new else []
    context = {
        **site.each_context(request),
        "title": f"Revisions of “{article}”",
        "article": article,
        "opts": Article._meta,
        "versions": versions,
        "old": old,
        "new": new,
        "changes": changes,
        "others": others,
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


@require_POST
def restore(request, pk, version_id):
    article = _article(request, pk)
    if not services.can_edit(request.user, article):
        raise PermissionDenied
    version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
    gone = services.restore_revision(article, version=version, by=request.user)
    messages.success(
        request, "Restored. The version it replaced is kept as a revision."
    )
    if gone:
        messages.warning(
            request,
            f"That revision had {_counted(gone)} deleted since: the story is "
            "restored without them. Check its lead image, dramas and people.",
        )
    return _back(article)


def _counted(counts):
    """{Drama: 2, Person: 1} as "2 dramas and 1 person"."""
    names = [
        f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"
        for model, n in counts.items()
    ]
    return get_text_list(names, "and")


def schedule(request):
    """Scheduled stories and those published in the last week, day by day."""
    now = timezone.now()
    base = Article.objects.editable_by(request.user).prefetch_related("bylines")
    upcoming = base.filter(
        status=Article.Status.SCHEDULED, publish_at__gt=now
    ).order_by("publish_at")
    recent = (
        base.live(now=now)
        .filter(publish_at__gte=now - datetime.timedelta(days=7))
        .order_by("-publish_at")
    )

    def by_day(articles):
        return [
            (day, list(items))
            for day, items in groupby(
                articles, lambda a: timezone.localdate(a.publish_at)
            )
        ]

    context = {
        **site.each_context(request),
        "title": "Schedule",
        "opts": Article._meta,
        "upcoming": by_day(upcoming),
        "recent": by_day(recent),
    }
    return TemplateResponse(request, "admin/articles/article/schedule.html", context)
