import datetime

from django import template
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles.models import Article, StatusChange

register = template.Library()
S = Article.Status


@register.simple_tag(takes_context=True)
def desk_panels(context):
    """The desk's home: what needs this user's attention, newest first."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    now = timezone.now()
    stories = (
        Article.objects.editable_by(user)
        .prefetch_related("bylines")
        .order_by("-modified_at")
    )
    mine = Q(created_by=user) | Q(bylines=user)
    # A draft's newest status change is its send-back (services.current_move, in
    # SQL for the list): its note is what the editor wants done.
    newest_change = StatusChange.objects.filter(article=OuterRef("pk")).order_by(
        "-at", "-pk"
    )
    drafts = stories.filter(mine, status=S.DRAFT).annotate(
        sent_back_note=Subquery(newest_change.values("note")[:1])
    )
    soon = (now, now + datetime.timedelta(hours=48))
    return [
        ("My drafts", drafts.distinct()[:10]),
        ("Waiting for review", stories.filter(status=S.IN_REVIEW)[:10]),
        (
            "Scheduled in the next 48 hours",
            stories.filter(status=S.SCHEDULED, publish_at__range=soon).order_by(
                "publish_at"
            )[:10],
        ),
        (
            "Recently published",
            stories.live(now=now).order_by("-publish_at")[:10],
        ),
    ]
