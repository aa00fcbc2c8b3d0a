"""Snippets: snippets/<app_label>.<ModelName>.yaml, a list of records with their translations.

A record is found again by its slug (or another unique field); a translatable record lists its
translations under ``translations``, each giving its own words and sharing the rest.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

from django.conf import settings
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, TranslatableMixin

from .content import RecordSource, SnippetSource
from .errors import located
from .fields import identity_field, is_words, model_fields
from .records import Later, later_apply, record_load
from .references import has_page_refs, snippet_models_in
from .sources import line_of_key, lines_of_items, model_files_read


def snippet_files_read(root: Path):
    """(model, file, records, identity field) for every snippets/ file."""
    files, problems = model_files_read(
        root,
        "snippets",
        refusal=_snippet_refusal,
        kind=list,
        shape="a snippets file is a list of records: '- slug: …'",
    )
    return [
        (model, display, data, identity_field(model)) for model, display, data in files
    ], problems


def _snippet_refusal(model) -> str | None:
    if issubclass(
        model, (Page, AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting)
    ):
        return (
            f"{model._meta.label} is not a snippet: pages, images, documents and settings "
            "have their own files"
        )
    if identity_field(model) is None:
        return (
            f"{model._meta.label} has no slug nor another unique field, so the loader could "
            "not find its records again"
        )
    return None


def snippet_source_make(model, display, rows, ident, reader):
    """The records of one snippets file, checked; (SnippetSource, problems)."""
    specs = model_fields(model)
    what = model._meta.label
    source = SnippetSource(model=model, file=display, records=[])
    problems: list = []
    seen: dict = {}
    for item, line in zip(rows, lines_of_items(rows, 1), strict=True):
        if not isinstance(item, dict):
            problems.append((line, "each record is a mapping of field names to values"))
            continue
        values, found = reader.complete_record(
            item, specs=specs, what=what, line=line, skip=("translations",)
        )
        identity = values.get(ident)
        if identity is None and not any(ident in reason for _, reason in found):
            found.append(
                (line, f"each record needs its '{ident}': the loader finds it again by it")
            )
        elif identity is not None and identity.value in seen:
            found.append(
                (
                    identity.line,
                    f"{ident} '{identity.value}' is also used on line {seen[identity.value]}",
                )
            )
        elif identity is not None:
            seen[identity.value] = identity.line
        translations = {}
        if "translations" in item:
            translations, t_found = _translations_read(item, line, model, ident, reader)
            found += t_found
        problems += found
        if not found:
            source.records.append(
                RecordSource(
                    file=display,
                    line=line,
                    identity=(ident, identity.value),
                    values=values,
                    translations=translations,
                )
            )
    return source, located(display, problems)


def _translations_read(item: dict, line: int, model, ident: str, reader):
    """A record's ``translations``: {language: values}, each giving at least its own words."""
    specs = model_fields(model)
    what = model._meta.label
    languages = [
        code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    t_line = line_of_key(item, "translations", line)
    t_data = item["translations"]
    if not issubclass(model, TranslatableMixin):
        return {}, [(t_line, f"{what} is not translatable: it has no translations")]
    if not isinstance(t_data, dict):
        return {}, [(t_line, "'translations' maps a language to its values: en: {…}")]
    translations, found = {}, []
    words = {name: spec for name, spec in specs.items() if is_words(spec)}
    for language, t_values in t_data.items():
        l_line = line_of_key(t_data, language, t_line)
        if language not in languages:
            found.append(
                (l_line, f"'{language}' is not a translation language ({', '.join(languages)})")
            )
            continue
        if not isinstance(t_values, dict):
            found.append((l_line, f"the {language} translation is a mapping of fields"))
            continue
        if ident in t_values:
            found.append(
                (
                    line_of_key(t_values, ident, l_line),
                    f"a translation shares its original's {ident}",
                )
            )
        own, t_found = reader.complete_record(
            t_values, specs=specs, what=f"{what} ({language})", line=l_line, required=words
        )
        found += t_found
        translations[language] = own
    return translations, found


def _snippet_order(sources: list[SnippetSource]) -> list[SnippetSource]:
    """Snippet files in dependency order: a model after the models its records refer to."""
    by_model = {source.model: source for source in sources}
    needs = {
        source.model: {
            model
            for record in source.records
            for model in snippet_models_in(list(record.values.values()))
            if model in by_model and model is not source.model
        }
        for source in sources
    }
    ordered: list[SnippetSource] = []
    done: set = set()
    while len(ordered) < len(sources):
        ready = [s for s in sources if s.model not in done and needs[s.model] <= done]
        # A cycle: take the first file; its references to later models wait for the second pass.
        for source in ready or [next(s for s in sources if s.model not in done)]:
            ordered.append(source)
            done.add(source.model)
    return ordered


def snippets_apply(sources, resolver, report, problems, locales, tick) -> list[Later]:
    """Snippets in dependency order, then their translations; links to pages wait (returned)."""
    ordered = _snippet_order(sources)
    total = sum(len(s.records) + sum(len(r.translations) for r in s.records) for s in sources)
    done = itertools.count(1)
    load = functools.partial(
        _record_load,
        resolver=resolver,
        report=report,
        problems=problems,
        step=lambda: tick("snippets", next(done), total),
    )
    later: list[Later] = []
    second_pass = _originals_apply(ordered, load=load, locales=locales, later=later)
    later_apply(second_pass, resolver=resolver, report=report, problems=problems)
    _translations_apply(ordered, load=load, locales=locales, later=later)
    return later


def _record_load(obj, record: RecordSource, *, language: str, label: str, step, **write) -> bool:
    """Write one record or translation, count it, and remember it by its slug if it has one."""
    ident, ident_value = record.identity
    written = record_load(obj, kind="snippets", label=label, language=language, **write)
    step()
    if written is not None and ident == "slug":
        translatable = issubclass(type(obj), TranslatableMixin)
        write["resolver"].snippet_remember(
            type(obj), ident_value, language if translatable else "", obj.pk
        )
    return written is not None


def _originals_apply(ordered, *, load, locales, later) -> list[Later]:
    """The source-language records; returns their fields that wait for later models' records."""
    source_language = settings.LANGUAGE_CODE
    position = {source.model: index for index, source in enumerate(ordered)}
    second_pass: list[Later] = []
    for source in ordered:
        model = source.model
        specs = model_fields(model)
        translatable = issubclass(model, TranslatableMixin)
        for record in source.records:
            ident, ident_value = record.identity
            label = f"{model._meta.label}:{ident_value}"
            locale = {"locale": locales[source_language]} if translatable else {}
            obj = model._default_manager.filter(**{ident: ident_value}, **locale).first()
            new = obj is None
            if new:
                obj = model(**locale)
            held = _held_fields(record, specs, position, position[model])
            loaded = load(
                obj,
                record,
                new=new,
                values=record.values,
                language=source_language,
                label=label,
                file=record.file,
                line=record.line,
                later=later,
                held=held,
            )
            if loaded and held:
                second_pass.append(
                    Later(
                        model,
                        obj.pk,
                        "snippets",
                        label,
                        source_language,
                        record.file,
                        record.line,
                        record.values,
                        held,
                    )
                )
    return second_pass


def _held_fields(record: RecordSource, specs, position: dict, own: int) -> list[str]:
    """Fields naming records of a model not loaded yet (or of this one): they wait a pass."""
    return [
        name
        for name in specs
        if not has_page_refs(record.values.get(name))
        and any(
            position.get(model, -1) >= own for model in snippet_models_in(record.values.get(name))
        )
    ]


def _translations_apply(ordered, *, load, locales, later) -> None:
    """Each record's translations: its own words, and the original's other values."""
    source_language = settings.LANGUAGE_CODE
    for source in ordered:
        model = source.model
        specs = model_fields(model)
        for record in source.records:
            if not record.translations:
                continue
            ident, ident_value = record.identity
            original = model._default_manager.filter(
                **{ident: ident_value, "locale": locales[source_language]}
            ).first()
            if original is None:  # refused above; its problem is reported
                continue
            shared = {n: g for n, g in record.values.items() if not is_words(specs[n])}
            for language, own in record.translations.items():
                obj = original.get_translation_or_none(locales[language])
                new = obj is None
                if new:
                    obj = original.copy_for_translation(locales[language])
                load(
                    obj,
                    record,
                    new=new,
                    values={**shared, **own},
                    language=language,
                    label=f"{model._meta.label}:{ident_value} ({language})",
                    file=record.file,
                    line=record.line,
                    later=later,
                )
