"""The generator's pages for teachers and tutors: the form, and what happened after it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from cms.registrations.rules import is_organiser

from .forms import ChallengeFormSet, EventGeneratorForm, event_request_from
from .generator import event_generate
from .models import EventIndexPage, EventPage, GeneratedEvent


def _events_index() -> EventIndexPage:
    indexes = EventIndexPage.objects.order_by("path")
    index = indexes.filter(locale=Locale.get_active()).first() or indexes.first()
    if index is None:
        raise Http404
    return index


@never_cache
@login_required
def event_generator_view(request):
    """A teacher's or tutor's short form that makes a draft event from a template."""
    if not is_organiser(request.user):
        raise PermissionDenied
    index = _events_index()
    locale = index.locale
    data = request.POST if request.method == "POST" else None
    form = EventGeneratorForm(data, locale=locale)
    challenges = ChallengeFormSet(data, prefix="challenges", form_kwargs={"locale": locale})
    if data is not None:
        event_request = event_request_from(form, challenges)
        if event_request is not None:
            page = event_generate(by=request.user, index=index, request=event_request)
            return redirect("events:generated", page_id=page.pk)
    return render(
        request,
        "events/generator/form.html",
        {"form": form, "challenges": challenges},
        status=400 if data is not None else 200,
    )


@never_cache
@login_required
def event_generated_view(request, page_id: int):
    """What the generator made, for the teacher who asked for it."""
    record = get_object_or_404(GeneratedEvent, pk=page_id, requested_by=request.user)
    page = get_object_or_404(EventPage, pk=record.page_id)
    return render(
        request,
        "events/generator/done.html",
        {
            "page": page,
            "in_moderation": page.current_workflow_state is not None,
            "can_edit": request.user.has_perm("wagtailadmin.access_admin"),
        },
    )
