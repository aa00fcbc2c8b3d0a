"""Sending a page's new draft to its moderation workflow: the one road by which the
interactive zones (the solution bank, a parent's answered question, a council's minutes) put
something on the public site. An editor publishes; never the code."""

from __future__ import annotations

__all__ = ["submit_for_moderation"]


def submit_for_moderation(*, page, by) -> None:
    """Send `page`'s latest revision to the page's moderation workflow in `by`'s name. A
    moderation already in progress is restarted, as the editor's "restart workflow" does, so
    the revision approved is the latest one and nothing added before it is lost. A page with
    no workflow keeps the draft for an editor to publish."""
    workflow = page.get_workflow()
    if workflow is None:
        return
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=by)
    workflow.start(page, by)
