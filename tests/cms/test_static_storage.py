"""Widget modules import the registry by a relative name that survives hashing."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import StaticFilesStorage as PlainStorage

from cms.core.storage import StaticFilesStorage


def collect(tmp_path, files: dict[str, str]) -> StaticFilesStorage:
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    source = PlainStorage(location=tmp_path)
    paths = {}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        paths[name] = (source, name)
    list(storage.post_process(paths))
    return storage


def test_a_widgets_import_of_the_registry_points_at_its_hashed_name(tmp_path):
    storage = collect(
        tmp_path,
        {
            "widgets/components.js": "export function register() {}\n",
            "widgets/account.js": 'import { register } from "./components.js";\nregister();\n',
            "vendor/other.js": 'import x from "./missing.js";\n',
        },
    )

    hashed_registry = storage.stored_name("widgets/components.js")
    account = (tmp_path / storage.stored_name("widgets/account.js")).read_text()
    assert re.fullmatch(r"widgets/components\.[0-9a-f]{12}\.js", hashed_registry)
    assert f'from "./{hashed_registry.split("/")[1]}"' in account
    # Other apps' scripts are left as they are: a bundle importing a file we do not ship
    # must not break collectstatic.
    assert 'from "./missing.js"' in (tmp_path / storage.stored_name("vendor/other.js")).read_text()


@pytest.mark.slow
def test_collectstatic_with_the_production_storage_settles_on_every_shipped_file(tmp_path):
    """`make run` and deployments collect every app's static files with hashed names; a file
    whose rewritten imports never settle (one that names itself) fails them all."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", VAR_DIR=str(tmp_path))

    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    search = (tmp_path / "static" / manifest["widgets/search.js"]).read_text()
    assert f'from "./{manifest["widgets/components.js"].split("/")[1]}"' in search
