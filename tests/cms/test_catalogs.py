"""The English catalogs: every interface string of our code has one finished English translation.

Russian is the source language, so an English msgstr that is missing, fuzzy or drops a
placeholder shows Russian (or a broken sentence) to an English reader. The catalogs are read
here with a small parser of the PO format, so no extra package is needed.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(settings.BASE_DIR)

# The one way to update the catalogs: from the repository root, skipping everything that is not
# our code (a run without these swept the virtualenv's packages into cms/locale once). Files of
# an app with a locale/ folder go to its catalog; cms/, media/, search/, publish/ and themes/
# go to cms/locale, the first of LOCALE_PATHS.
MAKEMESSAGES = [
    "makemessages",
    "--locale=en",
    "--ignore=.venv",
    "--ignore=var",
    "--ignore=tests",
    "--ignore=node_modules",
]

PLACEHOLDER = re.compile(r"%\(\w+\)[sdfir]|%[sdfir]|\{\w+\}")


@dataclass
class Entry:
    """One message of a PO file; `line` is where its msgid stands."""

    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def read_catalog(path: Path) -> list[Entry]:
    """The messages of a PO file, header and obsolete (#~) entries included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    keyword = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            entry, keyword = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        entry.obsolete = entry.obsolete or obsolete
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            keyword, _, literal = line.partition(" ")
            text = ast.literal_eval(literal)
            if keyword.startswith("msgstr"):
                entry.msgstrs.append("")
            elif keyword == "msgid":
                entry.line = number
        if keyword == "msgid":
            entry.msgid += text
        elif keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text
        elif keyword and keyword.startswith("msgstr"):
            entry.msgstrs[-1] += text
    return entries


def messages(path: Path) -> list[Entry]:
    """The live messages of a catalog: no header, no obsolete entries."""
    return [e for e in read_catalog(path) if e.msgid and not e.obsolete]


def catalogs(root: Path) -> list[Path]:
    return [
        root / "cms/locale/en/LC_MESSAGES/django.po",
        *sorted(root.glob("site_content/*/locale/en/LC_MESSAGES/django.po")),
    ]


def where(path: Path, entry: Entry, root: Path = REPO) -> str:
    return f"{path.relative_to(root)}:{entry.line}: {entry.msgid[:70]!r}"


def unfinished(path: Path, root: Path = REPO) -> list[str]:
    """Messages a reader would see in Russian: untranslated or only guessed (fuzzy)."""
    return [
        where(path, e, root) + (" is fuzzy" if "fuzzy" in e.flags else " has no translation")
        for e in messages(path)
        if "fuzzy" in e.flags or not all(s.strip() for s in e.msgstrs)
    ]


def test_the_parser_reads_flags_contexts_plurals_and_continued_lines(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgctxt "menu"\nmsgid ""\n"Две "\n"строки"\n'
        'msgstr "Two lines"\n\n'
        'msgid "%(n)s файл"\nmsgid_plural "%(n)s файла"\nmsgstr[0] "%(n)s file"\n'
        'msgstr[1] ""\n\n#~ msgid "Старое"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )

    header, fuzzy, plural, old = read_catalog(po)

    assert header.msgid == "" and header.msgstrs == ["Language: en\n"]
    assert (fuzzy.msgctxt, fuzzy.msgid, fuzzy.msgstrs) == ("menu", "Две строки", ["Two lines"])
    assert fuzzy.flags == {"fuzzy", "python-format"} and fuzzy.line == 8
    assert plural.msgid_plural == "%(n)s файла" and plural.msgstrs == ["%(n)s file", ""]
    assert old.obsolete and old.msgid == "Старое"
    assert unfinished(po, tmp_path) == [
        "django.po:8: 'Две строки' is fuzzy",
        "django.po:13: '%(n)s файл' has no translation",
    ]


def test_every_catalog_has_an_english_translation_for_every_message_and_none_is_fuzzy():
    problems = [problem for path in catalogs(REPO) for problem in unfinished(path)]

    assert problems == []


def test_no_catalog_header_is_fuzzy_and_every_header_declares_utf8_english():
    # msgfmt drops a fuzzy header, and without its charset the compiled catalog cannot be read.
    for path in catalogs(REPO):
        header = read_catalog(path)[0]
        assert header.msgid == "" and "fuzzy" not in header.flags, path
        assert "Language: en\n" in header.msgstrs[0], path
        assert "charset=UTF-8" in header.msgstrs[0], path


def test_translations_keep_every_placeholder_of_the_russian_string():
    problems = []
    for path in catalogs(REPO):
        for entry in messages(path):
            wanted = sorted(PLACEHOLDER.findall(entry.msgid))
            for msgstr in entry.msgstrs:
                if sorted(PLACEHOLDER.findall(msgstr)) != wanted:
                    problems.append(f"{where(path, entry)} -> {msgstr!r}")

    assert problems == []


def test_no_english_translation_is_russian_text_copied_over():
    russian = [
        f"{where(path, entry)} -> {msgstr[:60]!r}"
        for path in catalogs(REPO)
        for entry in messages(path)
        for msgstr in entry.msgstrs
        if re.search("[А-Яа-яЁё]", msgstr)
    ]

    assert russian == []


def test_a_string_in_several_catalogs_is_translated_the_same_way_in_each():
    # Django merges all catalogs into one, so of two different translations only one would
    # ever be shown, depending on the order of INSTALLED_APPS.
    translations = defaultdict(dict)
    for path in catalogs(REPO):
        for entry in messages(path):
            translations[entry.key][str(path.relative_to(REPO))] = tuple(entry.msgstrs)

    disagreements = {
        key[1]: found for key, found in translations.items() if len(set(found.values())) > 1
    }

    assert disagreements == {}


def test_no_catalog_holds_strings_of_third_party_packages():
    foreign = []
    for path in catalogs(REPO):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.startswith("#: "):
                foreign += [ref for ref in raw[3:].split() if ref.startswith((".venv", "var/"))]

    assert foreign == []


# Russian that stays Russian in every language: the not-found page is one file for every
# address, so it speaks both languages; on Russian pages the footer names the legally required
# section by its exact title.
RUSSIAN_ON_PURPOSE = {
    "404.html": None,
    "includes/footer.html": ">Сведения об образовательной организации</a>",
}
TRANSLATED = re.compile(
    r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}"
    r"|\{%\s*translate\s+(['\"]).*?\1.*?%\}"
    r"|_\((['\"]).*?\2\)"
    r"|\{#.*?#\}",
    re.S,
)


def test_templates_have_no_russian_text_outside_translation_tags():
    templates = [
        *REPO.glob("themes/*/templates/**/*.html"),
        *(
            path
            for app in ("cms", "media", "search", "site_content")
            for path in (REPO / app).glob("**/templates/**/*.html")
        ),
    ]
    untranslated = []
    for path in sorted(templates):
        name = path.as_posix().split("/templates/", 1)[1]
        text = path.read_text(encoding="utf-8")
        if name in RUSSIAN_ON_PURPOSE:
            if RUSSIAN_ON_PURPOSE[name] is None:
                continue
            text = text.replace(RUSSIAN_ON_PURPOSE[name], "")
        rest = TRANSLATED.sub("", text)
        untranslated += [
            f"{name}: {match.group(0).strip()}"
            for match in re.finditer(r"[^\n]{0,30}[А-Яа-яЁё][^\n]{0,30}", rest)
        ]

    assert untranslated == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_every_translatable_string_in_our_code_is_in_its_catalog_with_a_translation(tmp_path):
    """makemessages runs on a copy of the source; any message it has to add is untranslated."""
    copy = tmp_path / "src"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "tests", "__pycache__", "node_modules", "*.mo"
        ),
    )

    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES, "--verbosity=0"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert [p.relative_to(copy) for p in catalogs(copy)] == [
        p.relative_to(REPO) for p in catalogs(REPO)
    ], "makemessages created a catalog that is not in the repository"
    problems = [problem for path in catalogs(copy) for problem in unfinished(path, copy)]
    assert problems == [], (
        "strings in the code without an English translation; run "
        f"`python manage.py {' '.join(MAKEMESSAGES)}` from the repository root and translate them"
    )
