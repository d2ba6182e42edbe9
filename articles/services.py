"""Every change to a story's status happens here and leaves an audit entry; so do the
other writes with rules (corrections, restores, preview links, old addresses).

Functions take the article first and the acting user as `by`; they check the user's
right to act, so no view, admin action or hand-made POST can skip the rules.
"""

import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from reversion.models import Version

from dramas.models import Drama
from images.models import Image
from newsdesk.caching import purge_public_pages
from newsdesk.desk_time import desk_time
from people.models import Person

from . import deskcheck
from .models import Article, PreviewLink, PublicNote, SlugRedirect, StatusChange

S = Article.Status
PREVIEW_LIFETIME = datetime.timedelta(hours=48)
# The stories that can be withdrawn: on the site, or due to be.
WITHDRAWABLE = {S.PUBLISHED, S.SCHEDULED}
# The stories that can be published now: any not on the site already.
PUBLISHABLE = {S.DRAFT, S.IN_REVIEW, S.SCHEDULED, S.WITHDRAWN}
# Moving into or out of these changes what readers see.
READER_FACING = {S.SCHEDULED, S.PUBLISHED, S.WITHDRAWN}


def is_editor(user):
    return user.has_perm("articles.publish_article")


def can_edit(user, article):
    """Editors edit anything; journalists their own stories until they are scheduled."""
    if is_editor(user):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    own = (
        article.created_by_id == user.pk or article.bylines.filter(pk=user.pk).exists()
    )
    return own and article.status in {S.DRAFT, S.IN_REVIEW}


def _require_editor(user, doing):
    if not is_editor(user):
        raise PermissionDenied(f"Only editors can {doing}.")


def _require_status(article, allowed, doing):
    # Judged by what readers see: a scheduled story past its minute is live, and
    # rescheduling it or sending it back would take it off the site unannounced.
    status = article.effective_status
    if status in allowed:
        return
    if status != article.status:
        raise ValidationError(
            f"This story went live at {desk_time(article.publish_at)}: it is "
            f"published and cannot be {doing}. To take it off the site, withdraw it."
        )
    raise ValidationError(f"A story that is {status.label.lower()} cannot be {doing}.")


def publish_blockers(article):
    """What must be fixed before this story can go out."""
    problems = []
    if not article.headline.strip():
        problems.append("The story has no headline.")
    if not article.body.strip():
        problems.append("The story has no body.")
    if article.lead_image_id:
        problems += article.lead_image.publish_problems()
    return problems


def check_copy(article, *, on=None):
    """Run the desk checks and keep their findings on the story."""
    findings = deskcheck.run(article, on=on)
    article.desk_findings = [finding.as_dict() for finding in findings]
    article.desk_checked_at = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        desk_findings=article.desk_findings, desk_checked_at=article.desk_checked_at
    )
    return findings


def _require_publishable(article, *, on, override_reason):
    """Hard problems always block; desk-check errors block unless an editor says why."""
    if problems := publish_blockers(article):
        raise ValidationError(problems)
    errors = [
        f
        for f in check_copy(article, on=on)
        if f.level == deskcheck.ERROR and f.code != "image"
    ]
    if errors and not override_reason.strip():
        # One message: the story's page lists the findings under Desk checks, and
        # repeated above them they were a wall of red.
        count = f"{len(errors)} error{'s' * (len(errors) > 1)}"
        raise ValidationError(
            f"Desk checks found {count} in the copy, listed on the story's page "
            "under Desk checks. Fix the copy, or go ahead with a written reason for "
            "the record.",
            code="desk_check_errors",
        )


def _move(article, to_status, *, by, note="", override_reason="", **fields):
    """Apply one transition under a row lock and record it."""
    with transaction.atomic():
        current = (
            Article.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=article.pk)
        )
        if current != article.status:
            raise ValidationError(
                "Someone changed this story's status a moment ago; reload the page "
                "and try again."
            )
        change = StatusChange.objects.create(
            article=article,
            by=by,
            from_status=current,
            to_status=to_status,
            note=note,
            override_reason=override_reason.strip(),
        )
        Article.objects.filter(pk=article.pk).update(status=to_status, **fields)
        if {current, to_status} & READER_FACING:
            transaction.on_commit(purge_public_pages)
    article.status = to_status
    for name, value in fields.items():
        setattr(article, name, value)
    return change


def submit(article, *, by):
    """A journalist hands a draft to the editors."""
    # The status first: a stale button on a story an editor has since scheduled
    # must say so, not that the story is someone else's.
    _require_status(article, {S.DRAFT}, "submitted for review")
    if not can_edit(by, article):
        raise PermissionDenied("You can only submit your own stories.")
    return _move(article, S.IN_REVIEW, by=by)


def send_back(article, *, by, note):
    """An editor returns a story to its writer as a draft, saying why."""
    _require_editor(by, "send a story back")
    _require_status(article, {S.IN_REVIEW, S.SCHEDULED, S.WITHDRAWN}, "sent back")
    if not note.strip():
        raise ValidationError("Say what needs doing: the note goes to the writer.")
    return _move(article, S.DRAFT, by=by, note=note.strip())


def current_move(article, changes):
    """The status change (with its note: who, when, why) that put the story in the
    status it is in, given its changes newest first; None for a story never moved.
    For a draft it is the send-back (only send_back moves a story into draft), for a
    withdrawn story the withdrawal."""
    latest = next(iter(changes), None)
    return latest if latest and latest.to_status == article.status else None


def schedule(article, *, by, publish_at, now=None, override_reason=""):
    """Set the minute a story goes live; `live()` shows it from then, job or no job."""
    _require_editor(by, "schedule stories")
    _require_status(article, {S.DRAFT, S.IN_REVIEW, S.SCHEDULED}, "scheduled")
    if publish_at <= (now or timezone.now()):
        raise ValidationError(
            f"{desk_time(publish_at)} has "
            "already passed. Pick a later time, or publish the story now."
        )
    _require_publishable(
        article, on=timezone.localdate(publish_at), override_reason=override_reason
    )
    return _move(
        article,
        S.SCHEDULED,
        by=by,
        publish_at=publish_at,
        override_reason=override_reason,
    )


def publishable(stories, *, now=None):
    """Of `stories`, those publish() would take: not on the site, nor due to be (a
    scheduled story whose minute has come is live already)."""
    due = Article.objects.due(now=now).values("pk")
    return stories.filter(status__in=PUBLISHABLE).exclude(pk__in=due)


def publish(article, *, by, at=None, override_reason=""):
    """Put a story live now, or record that it went live at an earlier time `at`."""
    _require_editor(by, "publish stories")
    _require_status(article, PUBLISHABLE, "published")
    now = timezone.now()
    if at is not None and at > now:
        raise ValidationError("To publish later, schedule the story instead.")
    when = at or now
    _require_publishable(
        article, on=timezone.localdate(when), override_reason=override_reason
    )
    return _move(
        article,
        S.PUBLISHED,
        by=by,
        override_reason=override_reason,
        publish_at=when,
        first_published_at=article.first_published_at or when,
    )


def withdraw(article, *, by, note):
    """Take a story away from readers, saying why; the desk keeps it."""
    _require_editor(by, "withdraw stories")
    _require_status(article, WITHDRAWABLE, "withdrawn")
    if not note.strip():
        raise ValidationError(
            "Say why the story is coming off the site: the reason goes in its "
            "audit trail."
        )
    with transaction.atomic():
        change = _move(article, S.WITHDRAWN, by=by, note=note.strip())
        # A preview link shows the story to anyone who has it: it comes down too.
        now = timezone.now()
        change.links_revoked = PreviewLink.objects.filter(
            article=article, revoked_at__isnull=True, expires_at__gt=now
        ).update(revoked_at=now)
    return change


def publish_due(*, now=None):
    """Record every scheduled story whose minute has come, exactly once.

    Readers already see them (`live()`); this fixes the status and first-published
    time and writes the audit entry. Concurrent runs do not double up: PostgreSQL
    skips rows another run holds, and SQLite serializes the writing transactions.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Article.objects.due(now=now)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not due:
            return 0
        Article.objects.filter(pk__in=due, status=S.SCHEDULED).update(
            status=S.PUBLISHED,
            first_published_at=Coalesce(F("first_published_at"), F("publish_at")),
        )
        StatusChange.objects.bulk_create(
            StatusChange(
                article_id=pk,
                at=now,
                from_status=S.SCHEDULED,
                to_status=S.PUBLISHED,
                note="Published on schedule.",
            )
            for pk in due
        )
        transaction.on_commit(purge_public_pages)
    return len(due)


def add_public_note(article, *, by, kind, text):
    """A correction or update shown on the story; it moves the public updated time."""
    _require_editor(by, "add corrections and updates")
    if not text.strip():
        raise ValidationError("Write the note readers will see.")
    now = timezone.now()
    with transaction.atomic():
        note = PublicNote.objects.create(
            article=article, kind=kind, text=text.strip(), created_by=by, created_at=now
        )
        Article.objects.filter(pk=article.pk).update(updated_at=now)
        article.updated_at = now
        transaction.on_commit(purge_public_pages)
    return note


def keep_old_address(article, old_slug):
    """After a published story's slug changes, its old address answers with a 301."""
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if article.first_published_at and old_slug and old_slug != article.slug:
        SlugRedirect.objects.update_or_create(
            old_slug=old_slug, defaults={"article": article}
        )


def content_saved(article):
    """After a desk save: a live story's new words reach readers' cached pages."""
    if article.is_live():
        transaction.on_commit(purge_public_pages)


def create_preview_link(article, *, by, lifetime=PREVIEW_LIFETIME):
    _require_editor(by, "share previews")
    with transaction.atomic():
        # The status as it is now, under the lock a withdrawal takes: a link made
        # from a page read before the withdrawal would escape its revoking.
        status = (
            Article.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=article.pk)
        )
        if status == S.WITHDRAWN:
            raise ValidationError(
                "A withdrawn story cannot be shared: a link would show anyone the "
                "copy taken off the site. The desk can still read it with Preview."
            )
        return PreviewLink.objects.create(
            article=article, created_by=by, expires_at=timezone.now() + lifetime
        )


def revoke_preview_link(link, *, by):
    _require_editor(by, "revoke previews")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


RESTORED_FIELDS = ["headline", "kind", "dek", "body", "seo_title", "seo_description"]


def restore_revision(article, *, version, by):
    """Put an earlier revision's words back; the text it replaces stays a revision.

    The revision's lead image, dramas and people come back where they still exist:
    returns how many of each were deleted since, by model, for the desk to hear of.
    """
    if not can_edit(by, article):
        raise PermissionDenied("You cannot edit this story.")
    latest = Version.objects.get_for_object(article).first()
    if latest is None or latest.field_dict.get("lock_version") != article.lock_version:
        record_revision(article, by=by, comment="Saved before a restore.")
    fields = version.field_dict
    when = timezone.localtime(version.revision.date_created)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(f"Restored the revision of {when:%Y-%m-%d %H:%M}.")
        for name in RESTORED_FIELDS:
            setattr(article, name, fields.get(name, ""))
        wanted = {
            Image: {fields["lead_image_id"]} if fields.get("lead_image_id") else set(),
            Drama: set(fields.get("dramas", [])),
            Person: set(fields.get("people", [])),
        }
        kept = {
            model: list(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
            for model, ids in wanted.items()
        }
        article.lead_image_id = next(iter(kept[Image]), None)
        article.lock_version += 1
        article.save(update_fields=[*RESTORED_FIELDS, "lead_image", "lock_version"])
        article.dramas.set(kept[Drama])
        article.people.set(kept[Person])
        content_saved(article)
    return {
        model: len(wanted[model]) - len(kept[model])
        for model in wanted
        if len(wanted[model]) > len(kept[model])
    }


def record_revision(article, *, by, comment):
    """Keep the story's current words as a revision (for saves outside the admin)."""
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
