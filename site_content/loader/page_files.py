"""Page files: ``<language>/…/<slug>.md``, YAML front matter and a Markdown body.

The path of a file is the page's place in the tree; a file under another language than the
source language is the translation of the page at the same path, and inherits the values that
are not words from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from wagtail.models import Page, get_page_models

from site_content.markdown import markdown_to_blocks, markdown_to_html
from site_content.pages.models import HomePage, StandardPage

from .content import PageSource
from .errors import Problem, did_you_mean, located
from .fields import FieldSpec, given_keys, is_words, model_fields, required_problems
from .reader import ValueReader
from .references import SLUG, Given, Markdown, PagePath, for_translation
from .sources import displayed, empty_mapping, line_of_key, text_read, yaml_read

PAGE_TYPE_ALIASES: dict[str, type[Page]] = {"home": HomePage, "standard": StandardPage}
# Keys of a page file that are not fields: the page model, and the place among its siblings.
PAGE_FILE_KEYS = ("type", "order")


def _page_types() -> dict[str, type[Page] | None]:
    """Page models by class name and by app_label.ClassName; None marks a name two apps use."""
    types: dict[str, type[Page] | None] = {}
    for model in get_page_models():
        if model is Page:
            continue
        types[model._meta.label] = model
        name = model.__name__
        types[name] = model if types.get(name, model) is model else None
    types.update(PAGE_TYPE_ALIASES)
    return types


@dataclass
class PageFile:
    """A page file parsed, before its values are checked against its page type."""

    path: PagePath
    file: Path
    display: str
    meta: dict
    body: str
    body_line: int
    model: type[Page] | None = None


def page_files_read(root: Path) -> tuple[list[PageFile], list[Problem]]:
    """Every page file parsed, with the page model its ``type`` names."""
    paths, problems = _page_paths(root)
    parsed = []
    for path, file in sorted(paths.items()):
        page, found = _page_file_parse(path, file)
        problems += found
        if page is not None:
            parsed.append(page)
    by_path = {page.path: page for page in parsed}
    types = _page_types()
    source_language = settings.LANGUAGE_CODE
    # Originals first: a translation's type defaults to its original's.
    for page in sorted(parsed, key=lambda p: p.path.language != source_language):
        original = by_path.get(page.path.in_language(source_language))
        model, reason = _page_type(page, original, types)
        if reason:
            problems.append(Problem(page.display, line_of_key(page.meta, "type"), reason))
        else:
            page.model = model
    return parsed, problems


def _page_type(page: PageFile, original: PageFile | None, types) -> tuple[type | None, str | None]:
    """The page model a file's ``type`` names, or the reason it names none."""
    value = page.meta.get("type")
    translation = page.path.language != settings.LANGUAGE_CODE and original is not None
    if value is None:
        if translation:
            return original.model, None
        return (HomePage if page.path.is_home else StandardPage), None
    if not isinstance(value, str):
        return None, "'type' must be a page type's name"
    model = types.get(value.strip())
    if model is None:
        names = sorted(name for name, m in types.items() if m is not None and "." not in name)
        hint = did_you_mean(value, names)
        if value in types:
            return None, f"the type '{value}' is ambiguous: write it as app_label.{value}"
        return None, f"unknown type '{value}'{hint}; page types: {', '.join(names)}"
    if translation and original.model is not None and model is not original.model:
        return None, f"a translation has its original's type ({original.model.__name__})"
    return model, None


def _page_paths(root: Path) -> tuple[dict[PagePath, Path], list[Problem]]:
    """Map every page file to its place in the tree; files that cannot be pages are problems."""
    languages = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    files: dict[PagePath, Path] = {}
    problems: list[Problem] = []
    for language in languages:
        folder = root / language
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            parts = file.relative_to(root).parts
            if not file.is_file() or any(p.startswith(".") for p in parts):
                continue
            if file.suffix != ".md":
                problems.append(
                    Problem(displayed(file), None, "not a page file (page files end in .md)")
                )
                continue
            slugs = (*parts[1:-1], file.stem)
            if not all(SLUG.match(slug) for slug in slugs):
                problems.append(
                    Problem(
                        displayed(file),
                        None,
                        "file and folder names become the page address: use lowercase latin "
                        "letters, digits and hyphens (about-us.md)",
                    )
                )
                continue
            if file.stem == "index":
                if len(parts) != 2:
                    problems.append(
                        Problem(
                            displayed(file),
                            None,
                            "index.md is only the home page of a language (ru/index.md); "
                            "name this file after its address",
                        )
                    )
                    continue
                slugs = ()
            files[PagePath(language, tuple(slugs))] = file
    return files, problems


def _page_file_parse(path: PagePath, file: Path) -> tuple[PageFile | None, list[Problem]]:
    display = displayed(file)
    text, problems = text_read(file)
    if text is None:
        return None, problems
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[0].strip() != "---":
        return None, [
            Problem(
                display,
                1,
                "a page file starts with front matter: a line '---', the keys, a line '---'",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [
            Problem(display, 1, "the front matter is not closed: add a line '---' after the keys")
        ]
    meta, found = yaml_read("\n".join(lines[1:end]), first_line=2)
    problems = located(display, found)
    if meta is None and not found:
        meta = empty_mapping()
    if not isinstance(meta, dict):
        if not found:
            problems.append(Problem(display, 2, "the front matter must be 'key: value' lines"))
        return None, problems
    page = PageFile(
        path=path,
        file=file,
        display=display,
        meta=meta,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
    )
    return page, problems


def pages_make(
    files: list[PageFile], reader: ValueReader, root: Path
) -> tuple[list[PageSource], list[Problem]]:
    """The page sources, checked; a translation inherits what is not words from its original."""
    by_path = {page.path: page for page in files}
    source_language = settings.LANGUAGE_CODE
    problems: list[Problem] = []
    sources: dict[PagePath, PageSource] = {}
    for page in files:
        problems += _page_tree_problems(page, by_path, root)
        if page.model is None:
            continue
        source, found = _page_source_make(page, reader)
        problems += located(page.display, found)
        if source is not None:
            sources[page.path] = source
    for path, source in sources.items():
        if path.language == source_language:
            continue
        original = sources.get(path.in_language(source_language))
        if original is None:
            continue
        specs = model_fields(source.model)
        for name, given in original.values.items():
            if name not in source.values and name in specs and not is_words(specs[name]):
                source.values[name] = Given(
                    for_translation(given.value, path.language, reader.pages),
                    given.line,
                    file=original.file,
                    item_lines=given.item_lines,
                )
        if source.order is None:
            source.order = original.order
    return list(sources.values()), problems


def _page_tree_problems(page: PageFile, by_path: dict, root: Path) -> list[Problem]:
    """A page needs its parent's file and a type its parent allows; a translation its original."""
    problems = []
    parent = page.path.parent
    if parent is not None and parent not in by_path:
        problems.append(
            Problem(
                page.display,
                1,
                f"its parent page file {displayed(root / parent.file)} is missing",
            )
        )
    original = page.path.in_language(settings.LANGUAGE_CODE)
    if page.path.language != settings.LANGUAGE_CODE and original not in by_path:
        problems.append(
            Problem(
                page.display,
                1,
                f"a translation needs the page it translates: {displayed(root / original.file)} "
                "is missing",
            )
        )
    parent_model = Page if parent is None else getattr(by_path.get(parent), "model", None)
    if page.model is not None and parent_model is not None:
        if page.model not in parent_model.allowed_subpage_models():
            problems.append(
                Problem(
                    page.display,
                    1,
                    f"{page.model.__name__} cannot be created under {parent_model.__name__}",
                )
            )
    return problems


def _page_source_make(page: PageFile, reader: ValueReader) -> tuple[PageSource | None, list]:
    model = page.model
    specs = model_fields(model)
    meta = page.meta
    what = model.__name__
    problems: list = []
    values, found = reader.record(meta, specs=specs, what=what, skip=PAGE_FILE_KEYS)
    problems += found
    order = meta.get("order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        problems.append((line_of_key(meta, "order"), "'order' must be a whole number"))
        order = None
    body = page.body if page.body.strip() else ""
    body_spec = specs.get("body")
    if "body" in meta and body:
        problems.append(
            (
                line_of_key(meta, "body"),
                "the body is given twice: as 'body' in the front matter and as the text after it",
            )
        )
    elif body_spec is None:
        if body:
            problems.append(
                (
                    page.body_line,
                    f"{what} has no body: the text after the front matter has no place",
                )
            )
    elif "body" not in meta:
        given, found = _body_read(body_spec, body, page.body_line, reader)
        problems += found
        if given is not None:
            values["body"] = given
    if page.path.language == settings.LANGUAGE_CODE:
        problems += required_problems(specs, {*values, *given_keys(meta)}, 1, what)
    else:
        # A translation inherits the rest from its original; its words it must give itself.
        words = {name: spec for name, spec in specs.items() if is_words(spec)}
        problems += required_problems(words, {*values, *given_keys(meta)}, 1, what)
    if problems:
        return None, problems
    return PageSource(
        path=page.path, file=page.display, model=model, values=values, order=order
    ), []


def _body_read(spec: FieldSpec, text: str, line: int, reader: ValueReader):
    if spec.kind == "rich_text":
        _, problems = markdown_to_html(text, page_link=reader.link_check, first_line=line)
        return Given(Markdown(text, line), line), problems
    if spec.kind != "stream":
        return None, [(line, "the page's 'body' is neither a StreamField nor rich text")]
    converted, problems = markdown_to_blocks(text, page_link=reader.link_check, first_line=line)
    child_blocks = spec.field.stream_block.child_blocks
    for block_type in sorted({block["type"] for block in converted} - set(child_blocks)):
        problems.append(
            (
                line,
                f"this page type's body has no '{block_type}' block for the text after the "
                "front matter",
            )
        )
    if not text.strip() and spec.required:
        problems.append((line, "the text after the front matter is required for this page type"))
    return Given(Markdown(text, line, blocks=True), line), problems
