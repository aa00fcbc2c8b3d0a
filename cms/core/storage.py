"""Static files storage: hashed, compressed names, and widget modules that import each other."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Django's patterns for `import … from "./x.js"` in JavaScript modules. Django applies them to
# every *.js when `support_js_module_import_aggregation` is on, Wagtail's bundled scripts too;
# only our widget modules (`widgets/*.js`, collected from every app) need their imports
# rewritten to the hashed names, so the patterns are bound to them alone.
_, JS_MODULE_IMPORTS = ManifestStaticFilesStorage._js_module_import_aggregation_patterns


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's storage; a widget's `import { register } from "./components.js"` becomes
    the hashed name, so every widget of a page shares the one registry module the page loads."""

    patterns = (
        *CompressedManifestStaticFilesStorage.patterns,
        ("widgets/*.js", JS_MODULE_IMPORTS),
    )
