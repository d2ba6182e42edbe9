import datetime

from django import template
from django.db.models import Q
from django.utils import timezone

from articles.models import Article

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
    soon = (now, now + datetime.timedelta(hours=48))
    return [
        ("My drafts", stories.filter(mine, status=S.DRAFT).distinct()[:10]),
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
