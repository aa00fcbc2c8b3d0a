"""What a widget's mount point shows in the static page itself, made when the page is built.

A zone app may register a *static part* for its widget kind: HTML baked into the published
page, the same for every reader (never anything personal), such as a closed survey's results
or a vote's count. The mount point shows it above its fallback text, so the page tells the
result without JavaScript; the widget itself still starts for what is live.

The page records that it shows `widget:<kind>:<reference>`; when what the part shows changes
(a survey closes, a vote is counted), the app calls `widget_changed(kind, reference)` and only
the pages showing it are published again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

__all__ = ["register_static_part", "static_part", "widget_changed"]

# (reference, language) → HTML, "" when there is nothing to show yet.
StaticPart = Callable[[str, str], str]

_parts: dict[str, StaticPart] = {}


def register_static_part(kind: str, render: StaticPart) -> StaticPart:
    """Register `render` for mount points of `kind` (the stored block choice, `room_request`)."""
    _parts[kind] = render
    return render


def dependency_key(kind: str, reference: str) -> str:
    return f"widget:{kind}:{reference}"


def static_part(kind: str, reference: str, language: str, request=None) -> SafeString:
    """The HTML `kind`'s app bakes into the page for `reference`, and the page's dependency
    on it; "" when the kind has no static part."""
    render = _parts.get(kind)
    if render is None or not reference:
        return mark_safe("")
    from publish.context import current

    current(request).depends_on(dependency_key(kind, reference))
    return mark_safe(render(reference, language) or "")


def widget_changed(kind: str, reference: str) -> None:
    """Publish again, once the transaction commits, the pages showing `kind`'s `reference`."""
    from publish.signal_handlers import schedule_publish

    schedule_publish(dependency_key(kind, reference))
