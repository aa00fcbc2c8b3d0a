"""TODO"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import (
    Page,
    Site,
)

from .errors import Problem
from .fields import model_fields
from .records import Later, record_write
from .references import has_page_refs
from .sources import LineDict, displayed, model_file, yaml_file_read


def setting_files_read(root: Path):
    folder = root / "settings"
    result, problems = [], []
    if not folder.is_dir():
        return result, problems
    for file in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        display = displayed(file)
        model, reason = model_file(file, "settings")
        if model is not None and not issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            reason = f"{model._meta.label} is not a setting (BaseSiteSetting or BaseGenericSetting)"
        if reason:
            problems.append(Problem(display, None, reason))
            continue
        data, found = yaml_file_read(file)
        problems += found
        if found:
            continue
        if data is None:
            data = LineDict()
            data.key_lines, data.value_lines = {}, {}
        if not isinstance(data, dict):
            problems.append(
                Problem(display, 1, "a settings file is a mapping: 'field: value' lines")
            )
            continue
        result.append((model, display, data))
    return result, problems


def _default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # The pages come next and make their home this site's root.
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=Page.get_first_root_node(),
            is_default_site=True,
        )
    return site


def settings_apply(sources, resolver, report, problems, tick) -> list[Later]:
    later = []
    language = settings.LANGUAGE_CODE
    for done, source in enumerate(sources, 1):
        model = source.model
        specs = model_fields(model)
        if issubclass(model, BaseSiteSetting):
            site = _default_site()
            obj = model.objects.filter(site=site).first()
            new = obj is None
            if new:
                obj = model(site=site)
        else:
            obj = model.objects.order_by("pk").first()
            new = obj is None
            if new:
                obj = model()
        waiting = [n for n in specs if has_page_refs(source.values.get(n))]
        label = model._meta.label
        written = record_write(
            obj,
            new=new,
            values=source.values,
            names=[n for n in specs if n not in waiting],
            language=language,
            resolver=resolver,
            file=source.file,
            line=1,
            problems=problems,
            exclude=waiting,
        )
        tick("settings", done, len(sources))
        if written is None:
            continue
        report.record(
            "settings", label, "created" if new else "updated" if written else "unchanged"
        )
        if waiting:
            later.append(
                Later(
                    model,
                    obj.pk,
                    "settings",
                    label,
                    language,
                    source.file,
                    1,
                    source.values,
                    waiting,
                )
            )
    return later
