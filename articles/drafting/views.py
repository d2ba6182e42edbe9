"""The desk's "Draft a story" screen: pick the show and the kind, then its inputs."""

from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from articles.models import Article
from dramas.models import Drama

from . import KINDS, draft_story
from .forms import DraftStart


def draft(request):
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    bound = "kind" in request.GET
    # Bound, the form says what is wrong with the show asked for (a hand-made
    # address, or a show deleted between the steps); the guess is for a new form.
    start = DraftStart(
        request.GET if bound else None,
        kinds=KINDS.values(),
        initial={} if bound else _guess(request),
    )
    if not (bound and start.is_valid()):
        return _page(request, start=start)
    drama, kind = start.cleaned_data["drama"], KINDS[start.cleaned_data["kind"]]
    initial = {"image": request.GET.get("image")}
    data = request.POST if request.method == "POST" else None
    form = kind.form_class(data, drama=drama, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            article = draft_story(
                kind.name, by=request.user, drama=drama, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Drafted “{article}”. Check every fact.")
            return redirect("admin:articles_article_change", article.pk)
    return _page(request, start=start, form=form, drama=drama, kind=kind)


def _guess(request):
    """Step one as the button that led here set it: a drama's, or a poster's."""
    guess = {}
    if drama := request.GET.get("drama"):
        guess["drama"] = get_object_or_404(Drama, pk=drama if drama.isdecimal() else 0)
    if request.GET.get("image"):
        guess["kind"] = "poster-reveal"
    return guess


def _page(request, **context):
    return TemplateResponse(
        request,
        "admin/articles/article/draft.html",
        {
            **site.each_context(request),
            "opts": Article._meta,
            "title": "Draft a story",
            "image": request.GET.get("image", ""),
            **context,
        },
    )
