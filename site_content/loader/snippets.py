"""TODO"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Page,
    TranslatableMixin,
)

from .content import RecordSource, SnippetSource
from .errors import Problem
from .fields import given_keys, identity_field, is_words, model_fields, required_problems
from .records import Later, record_write
from .references import has_page_refs, snippet_models_in
from .sources import LineList, displayed, line_of_key, lines_of_items, model_file, yaml_file_read


def snippet_files_read(root: Path):
    """(model, file, records, identity field) for every snippets/ file."""
    folder = root / "snippets"
    result, problems = [], []
    if not folder.is_dir():
        return result, problems
    for file in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        display = displayed(file)
        model, reason = model_file(file, "snippets")
        if model is not None and issubclass(
            model, (Page, AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting)
        ):
            reason = (
                f"{model._meta.label} is not a snippet: pages, images, documents and settings "
                "have their own files"
            )
        if model is not None and reason is None and identity_field(model) is None:
            reason = (
                f"{model._meta.label} has no slug nor another unique field, so the loader could "
                "not find its records again"
            )
        if reason:
            problems.append(Problem(display, None, reason))
            continue
        data, found = yaml_file_read(file)
        problems += found
        if found:
            continue
        if data is None:
            data = LineList()
            data.item_lines = []
        if not isinstance(data, list):
            problems.append(
                Problem(display, 1, "a snippets file is a list of records: '- slug: …'")
            )
            continue
        result.append((model, display, data, identity_field(model)))
    return result, problems


def snippet_source_make(model, display, rows, ident, reader):
    specs = model_fields(model)
    what = model._meta.label
    translatable = issubclass(model, TranslatableMixin)
    languages = [
        code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    source = SnippetSource(model=model, file=display, records=[])
    problems: list = []
    seen: dict = {}
    for item, line in zip(rows, lines_of_items(rows, 1), strict=True):
        if not isinstance(item, dict):
            problems.append((line, "each record is a mapping of field names to values"))
            continue
        values, found = reader.record(item, specs=specs, what=what, skip=("translations",))
        found += required_problems(specs, {*values, *given_keys(item)}, line, what)
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
            t_line = line_of_key(item, "translations", line)
            t_data = item["translations"]
            if not translatable:
                found.append((t_line, f"{what} is not translatable: it has no translations"))
            elif not isinstance(t_data, dict):
                found.append((t_line, "'translations' maps a language to its values: en: {…}"))
            else:
                for language, t_values in t_data.items():
                    l_line = line_of_key(t_data, language, t_line)
                    if language not in languages:
                        found.append(
                            (
                                l_line,
                                f"'{language}' is not a translation language "
                                f"({', '.join(languages)})",
                            )
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
                    own, t_found = reader.record(t_values, specs=specs, what=f"{what} ({language})")
                    words = {name: spec for name, spec in specs.items() if is_words(spec)}
                    t_found += required_problems(
                        words, {*own, *given_keys(t_values)}, l_line, f"{what} ({language})"
                    )
                    found += t_found
                    translations[language] = own
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
    return source, [Problem(display, line, reason) for line, reason in problems]


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
    source_language = settings.LANGUAGE_CODE
    ordered = _snippet_order(sources)
    position = {source.model: index for index, source in enumerate(ordered)}
    later: list[Later] = []
    total = sum(len(s.records) + sum(len(r.translations) for r in s.records) for s in sources)
    done = 0
    second_pass = []
    for source in ordered:
        model = source.model
        specs = model_fields(model)
        translatable = issubclass(model, TranslatableMixin)
        for record in source.records:
            ident, ident_value = record.identity
            label = f"{model._meta.label}:{ident_value}"
            lookup = {ident: ident_value}
            if translatable:
                lookup["locale"] = locales[source_language]
            obj = model._default_manager.filter(**lookup).first()
            new = obj is None
            if new:
                obj = model(**({"locale": locales[source_language]} if translatable else {}))
            waiting_pages = [n for n in specs if has_page_refs(record.values.get(n))]
            waiting_models = [
                n
                for n in specs
                if n not in waiting_pages
                and any(
                    position.get(m, -1) >= position[model]
                    for m in snippet_models_in(record.values.get(n))
                )
            ]
            names = [n for n in specs if n not in waiting_pages and n not in waiting_models]
            written = record_write(
                obj,
                new=new,
                values=record.values,
                names=names,
                language=source_language,
                resolver=resolver,
                file=record.file,
                line=record.line,
                problems=problems,
                exclude=[*waiting_pages, *waiting_models],
            )
            done += 1
            tick("snippets", done, total)
            if written is None:
                continue
            report.record(
                "snippets", label, "created" if new else "updated" if written else "unchanged"
            )
            if ident == "slug":
                resolver.snippet_remember(
                    model, ident_value, source_language if translatable else "", obj.pk
                )
            if waiting_models:
                second_pass.append((model, obj.pk, label, record, waiting_models))
            if waiting_pages:
                later.append(
                    Later(
                        model,
                        obj.pk,
                        "snippets",
                        label,
                        source_language,
                        record.file,
                        record.line,
                        record.values,
                        waiting_pages,
                    )
                )
    for model, pk, label, record, names in second_pass:
        written = record_write(
            model._default_manager.get(pk=pk),
            new=False,
            values=record.values,
            names=names,
            language=source_language,
            resolver=resolver,
            file=record.file,
            line=record.line,
            problems=problems,
        )
        if written:
            report.record("snippets", label, "updated")
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
            for language, own in record.translations.items():
                label = f"{model._meta.label}:{ident_value} ({language})"
                shared = {n: g for n, g in record.values.items() if not is_words(specs[n])}
                values = {**shared, **own}
                obj = original.get_translation_or_none(locales[language])
                new = obj is None
                if new:
                    obj = original.copy_for_translation(locales[language])
                waiting = [n for n in specs if has_page_refs(values.get(n))]
                written = record_write(
                    obj,
                    new=new,
                    values=values,
                    names=[n for n in specs if n not in waiting],
                    language=language,
                    resolver=resolver,
                    file=record.file,
                    line=record.line,
                    problems=problems,
                    exclude=waiting,
                )
                done += 1
                tick("snippets", done, total)
                if written is None:
                    continue
                report.record(
                    "snippets", label, "created" if new else "updated" if written else "unchanged"
                )
                if ident == "slug":
                    resolver.snippet_remember(model, ident_value, language, obj.pk)
                if waiting:
                    later.append(
                        Later(
                            model,
                            obj.pk,
                            "snippets",
                            label,
                            language,
                            record.file,
                            record.line,
                            values,
                            waiting,
                        )
                    )
    return later
