"""Reading content files: text, YAML that remembers the line of every key, value and item.

Every problem the loader reports points at ``file:line``, so the YAML here keeps lines
(`LineDict`, `LineList`), reports a key given twice, and reads 15:00 as a time, not as 900.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.db import models

from site_content.markdown import CONTROL_CHARACTERS, control_character_reason

from .errors import Problem, located


class LineDict(dict):
    """A YAML mapping that knows the line of each key and of each value."""

    line: int = 1
    key_lines: dict
    value_lines: dict


class LineList(list):
    """A YAML sequence that knows the line of each item."""

    line: int = 1
    item_lines: list


def empty_mapping() -> LineDict:
    """The mapping an empty YAML file or front matter stands for."""
    data = LineDict()
    data.key_lines, data.value_lines = {}, {}
    return data


def empty_sequence() -> LineList:
    """The list an empty YAML file stands for."""
    data = LineList()
    data.item_lines = []
    return data


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that keeps lines, reports duplicate keys and reads 15:00 as text, not 900."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []


_LineLoader.yaml_implicit_resolvers = {
    first: list(resolvers) for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads 15:00 as the base-60 number 900; a time of day is what people mean by it.
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
for _first in "+-0123456789":
    _LineLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:str", _SEXAGESIMAL)
    )


def _content_line(node: yaml.Node) -> int:
    # A block scalar (| or >) starts on the line after its indicator.
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        return node.start_mark.line + 2
    return node.start_mark.line + 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines, data.value_lines = {}, {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        key = str(key)
        if key in data.key_lines:
            loader.duplicates.append(
                (line, f"'{key}' is given twice (also on line {data.key_lines[key]})")
            )
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line
        data.value_lines[key] = _content_line(value_node)


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = []
    yield data
    for child in node.value:
        data.append(loader.construct_object(child, deep=True))
        data.item_lines.append(_content_line(child))


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    # 2025-13-01 looks like a date to the resolver; the calendar refuses it with no line.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"'{node.value}' is not a real date ({exc})", node.start_mark
        ) from exc


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def yaml_read(text: str, *, first_line: int = 1) -> tuple[Any, list[tuple[int, str]]]:
    """Parse YAML whose first line is line `first_line` of its file; (data, [(line, reason)])."""
    loader = _LineLoader("\n" * (first_line - 1) + text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else first_line
        return None, [(line, f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [(first_line, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, loader.duplicates


def lines_of_items(value: list, line: int) -> list[int]:
    """The line of each item of a list (its own line when the list does not know them)."""
    return list(getattr(value, "item_lines", None) or [line] * len(value))


def line_of_key(data: dict, key: str, default: int = 1) -> int:
    """The line of a key of a mapping, else of the mapping, else `default`."""
    return getattr(data, "key_lines", {}).get(key, getattr(data, "line", default))


def line_of_value(data: dict, key: str, default: int = 1) -> int:
    """The line a key's value starts on (a block scalar starts after its key)."""
    return getattr(data, "value_lines", {}).get(key, line_of_key(data, key, default))


def text_read(file: Path) -> tuple[str | None, list[Problem]]:
    """A content file's text, or the problems that it is not UTF-8 or holds control characters
    (one per line that has any)."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(displayed(file), None, "the file is not UTF-8 text")]
    problems = [
        Problem(displayed(file), number, control_character_reason(control))
        # split("\n"), not splitlines(): the latter takes some control characters for line ends.
        for number, line in enumerate(text.split("\n"), start=1)
        if (control := CONTROL_CHARACTERS.search(line))
    ]
    return (None if problems else text), problems


def yaml_file_read(file: Path) -> tuple[Any, list[Problem]]:
    """A YAML file's data, with its problems as ``file:line``."""
    text, problems = text_read(file)
    if text is None:
        return None, problems
    data, found = yaml_read(text)
    return data, located(displayed(file), found)


def folder_files(folder: Path) -> list[Path]:
    """The files in a folder, in name order, without hidden ones; none if it does not exist."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def model_file(file: Path, folder: str) -> tuple[type[models.Model] | None, str | None]:
    """The model a snippets/ or settings/ file is named after, or the reason it is not one."""
    if file.suffix not in (".yaml", ".yml"):
        return None, f"{folder}/ holds only <app_label>.<ModelName>.yaml files"
    label = file.stem
    try:
        return apps.get_model(label), None
    except (LookupError, ValueError):
        return None, (
            f"the file name must be <app_label>.<ModelName>.yaml of an existing model; "
            f"'{label}' is not one"
        )


def model_files_read(
    root: Path, folder: str, *, refusal: Callable[[type], str | None], kind: type, shape: str
) -> tuple[list[tuple[type[models.Model], str, Any]], list[Problem]]:
    """Each file of snippets/ or settings/ as (model, file, data).

    `refusal` says why a model may not have a file there; the file holds a `kind` (list or
    dict; an empty file is an empty one), else `shape` says what it should be.
    """
    result, problems = [], []
    for file in folder_files(root / folder):
        display = displayed(file)
        model, reason = model_file(file, folder)
        if model is not None:
            reason = refusal(model)
        if reason:
            problems.append(Problem(display, None, reason))
            continue
        data, found = yaml_file_read(file)
        problems += found
        if found:
            continue
        if data is None:
            data = empty_sequence() if kind is list else empty_mapping()
        if not isinstance(data, kind):
            problems.append(Problem(display, 1, shape))
            continue
        result.append((model, display, data))
    return result, problems


def displayed(path: Path) -> str:
    """A path as the reader would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
