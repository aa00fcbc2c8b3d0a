"""Signals other parts of the platform listen to."""

from django.dispatch import Signal

# Sent after a build became live. Keyword arguments:
#   build_dir: Path of the live build
#   mode: "full" or "incremental"
#   rendered: {page_id: url} of the pages whose files this build (re)wrote
#   removed: {page_id: url} of the pages that left the public site
#   index: the build's SiteIndex, so listeners need not load the tree again
# Search indexing follows the static site through it, so only what is published gets indexed.
site_published = Signal()
