"""Widget modules import the registry by a relative name that survives hashing."""

import re

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
