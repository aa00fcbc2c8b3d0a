"""Settings: settings/<app_label>.<ModelName>.yaml, the values of one site or generic setting."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, Site

from .content import SettingSource
from .errors import Problem, located
from .fields import model_fields
from .records import Later, record_load
from .sources import model_files_read


def setting_files_read(root: Path):
    """(model, file, values) for every settings/ file."""
    return model_files_read(
        root,
        "settings",
        refusal=_setting_refusal,
        kind=dict,
        shape="a settings file is a mapping: 'field: value' lines",
    )


def settings_make(files, reader) -> tuple[list[SettingSource], list[Problem]]:
    """The settings files' values, checked against their models' fields."""
    sources, problems = [], []
    for model, display, data in files:
        values, found = reader.complete_record(
            data, specs=model_fields(model), what=model._meta.label, line=1
        )
        problems += located(display, found)
        sources.append(SettingSource(model=model, file=display, values=values))
    return sources, problems


def _setting_refusal(model) -> str | None:
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
        return None
    return f"{model._meta.label} is not a setting (BaseSiteSetting or BaseGenericSetting)"


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
    """Each setting's values (a site setting's for the default site); links to pages wait."""
    later: list[Later] = []
    for done, source in enumerate(sources, 1):
        model = source.model
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
        record_load(
            obj,
            new=new,
            kind="settings",
            label=model._meta.label,
            values=source.values,
            language=settings.LANGUAGE_CODE,
            file=source.file,
            line=1,
            resolver=resolver,
            report=report,
            problems=problems,
            later=later,
        )
        tick("settings", done, len(sources))
    return later
