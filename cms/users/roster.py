"""Reading a school's roster: a CSV of people as a school management system exports it.

Columns (English or Russian headers, any order, any case):

    surname / фамилия, name / имя, patronymic / отчество, class / класс, role / роль,
    email / эл. почта, parent_of / родитель для, language / язык (optional: ru or en)

UTF-8 (with or without BOM) and Windows-1251 (Russian Excel) are recognised, and so is the
delimiter, `,` or `;`. Several roles, or several children in `parent_of`, are separated by `;`
(so a `;`-delimited file quotes those cells, as Excel does). Everything is checked before any
person is written; each problem is reported as `file:line: reason`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .choices import ROSTER_ROLES, Language, RoleChoices
from .models import normalise_class_name

__all__ = ["ChildRef", "RosterError", "RosterProblem", "RosterRow", "roster_parse"]

HEADERS = {
    "surname": ("surname", "last_name", "last name", "фамилия"),
    "name": ("name", "first_name", "first name", "имя"),
    "patronymic": ("patronymic", "middle_name", "middle name", "отчество"),
    "class": ("class", "school_class", "класс"),
    "role": ("role", "roles", "роль", "роли"),
    "email": ("email", "e-mail", "эл. почта", "эл.почта", "электронная почта", "почта"),
    "parent_of": ("parent_of", "parent of", "родитель для"),
    "language": ("language", "язык"),
}
REQUIRED_HEADERS = ("surname", "name", "role")
ROLE_WORDS = {
    "ученик": RoleChoices.STUDENT,
    "ученица": RoleChoices.STUDENT,
    "родитель": RoleChoices.PARENT,
    "учитель": RoleChoices.TEACHER,
    "тьютор": RoleChoices.TUTOR,
    "эксперт": RoleChoices.EXPERT,
    "координатор": RoleChoices.COORDINATOR,
    "координатор проектов": RoleChoices.COORDINATOR,
    "психолог": RoleChoices.PSYCHOLOGIST,
    "партнер": RoleChoices.PARTNER,
    "член совета": RoleChoices.COUNCIL_MEMBER,
    "council member": RoleChoices.COUNCIL_MEMBER,
    "сотрудник": RoleChoices.STAFF,
    "администратор": RoleChoices.ADMINISTRATOR,
    **{role.value: role for role in RoleChoices},
}
LANGUAGE_WORDS = {
    "ru": Language.RU,
    "русский": Language.RU,
    "russian": Language.RU,
    "en": Language.EN,
    "английский": Language.EN,
    "english": Language.EN,
}


def _word(text: str) -> str:
    """Lower case, `ё` as `е`, single spaces: how headers and role names are compared."""
    return re.sub(r"\s+", " ", (text or "").strip().lower().replace("ё", "е"))


@dataclass(frozen=True)
class RosterProblem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class RosterError(Exception):
    """The roster cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list[RosterProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class ChildRef:
    """A child named in `parent_of`: by email, or by surname, name (patronymic) and class."""

    text: str
    email: str = ""
    surname: str = ""
    name: str = ""
    patronymic: str = ""
    school_class: str = ""


@dataclass
class RosterRow:
    line: int
    surname: str
    name: str
    patronymic: str = ""
    school_class: str = ""
    roles: frozenset[str] = frozenset()
    email: str = ""
    language: str = Language.RU
    parent_of: list[ChildRef] = field(default_factory=list)

    @property
    def name_key(self) -> tuple[str, str, str, str]:
        """Who a person without an email is: surname, name, patronymic and class."""
        return (
            _word(self.surname),
            _word(self.name),
            _word(self.patronymic),
            self.school_class,
        )

    @property
    def key(self) -> tuple:
        """The identity of a row: the email when there is one, else the name key."""
        return ("email", self.email) if self.email else ("name", *self.name_key)


def decode(data: bytes) -> str:
    """The text of an upload: UTF-8 (a BOM is dropped), else Windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def roster_parse(*, data: bytes, filename: str) -> list[RosterRow]:
    """Every row of the roster, checked on its own; raise RosterError listing all problems.

    Checks that need the database (which child a `parent_of` names) are the import's.
    """
    problems: list[RosterProblem] = []

    def problem(line: int, reason: str) -> None:
        problems.append(RosterProblem(filename, line, reason))

    try:
        text = decode(data)
    except UnicodeDecodeError:
        raise RosterError(
            [RosterProblem(filename, 1, _("файл не в кодировке UTF-8 или Windows-1251"))]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise RosterError([RosterProblem(filename, 1, _("файл пуст: нет строки заголовков"))])

    known = {_word(alias): column for column, aliases in HEADERS.items() for alias in aliases}
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        column = known.get(_word(title))
        if column is None:
            if title.strip():
                problem(
                    1,
                    _("неизвестный столбец «%(title)s»; ожидаются: %(known)s")
                    % {"title": title.strip(), "known": ", ".join(HEADERS)},
                )
            continue
        columns[column] = index
    missing = [c for c in REQUIRED_HEADERS if c not in columns]
    if missing:
        problem(1, _("нет обязательных столбцов: %(columns)s") % {"columns": ", ".join(missing)})
    if problems:
        raise RosterError(problems)

    rows: list[RosterRow] = []
    seen: dict[tuple, int] = {}
    line = reader.line_num
    for cells in reader:
        first_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue

        def cell(column: str, cells=cells) -> str:
            index = columns.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        row, found = _row_read(first_line, cell)
        for reason in found:
            problem(first_line, reason)
        if found:
            continue
        if row.key in seen:
            problem(
                first_line,
                _("этот человек уже есть в строке %(line)s") % {"line": seen[row.key]},
            )
            continue
        seen[row.key] = first_line
        rows.append(row)
    if problems:
        raise RosterError(problems)
    return rows


def _row_read(line: int, cell) -> tuple[RosterRow, list[str]]:
    """One row's values and what is wrong with them."""
    found: list[str] = []
    surname, name = cell("surname"), cell("name")
    if not surname:
        found.append(_("не указана фамилия"))
    if not name:
        found.append(_("не указано имя"))

    roles: set[str] = set()
    role_text = cell("role")
    for word in filter(None, (_word(w) for w in role_text.split(";"))):
        role = ROLE_WORDS.get(word)
        if role is None:
            found.append(
                _("неизвестная роль «%(role)s»; возможны: %(roles)s")
                % {"role": word, "roles": ", ".join(sorted(str(r.label) for r in ROSTER_ROLES))}
            )
        elif role not in ROSTER_ROLES:
            found.append(_("роль «%(role)s» назначают только в админке") % {"role": role.label})
        else:
            roles.add(role)
    if not role_text:
        found.append(_("не указана роль"))

    email = cell("email").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            found.append(_("«%(email)s» — не адрес электронной почты") % {"email": email})
    elif roles and roles != {RoleChoices.STUDENT}:
        # Adults sign in through the invitation sent to this address.
        found.append(_("не указан адрес почты (без него можно только ученикам)"))

    school_class = normalise_class_name(cell("class"))
    if RoleChoices.STUDENT in roles and not school_class:
        found.append(_("у ученика не указан класс"))
    if len(school_class) > 16:
        found.append(_("слишком длинное название класса «%(name)s»") % {"name": school_class})

    language = Language.RU
    if cell("language"):
        language = LANGUAGE_WORDS.get(_word(cell("language")), "")
        if not language:
            found.append(_("язык «%(language)s» не ru и не en") % {"language": cell("language")})

    parent_of = [_child_ref(text) for text in cell("parent_of").split(";") if text.strip()]
    if parent_of and RoleChoices.PARENT not in roles:
        found.append(_("«родитель для» заполнено, а роли «родитель» нет"))
    for ref in parent_of:
        if not ref.email and not (ref.surname and ref.name and ref.school_class):
            found.append(
                _("ребёнок «%(child)s»: укажите адрес почты или «Фамилия Имя Класс»")
                % {"child": ref.text}
            )

    row = RosterRow(
        line=line,
        surname=surname,
        name=name,
        patronymic=cell("patronymic"),
        school_class=school_class,
        roles=frozenset(roles),
        email=email,
        language=language,
        parent_of=parent_of,
    )
    return row, found


def _child_ref(text: str) -> ChildRef:
    text = text.strip()
    if "@" in text:
        return ChildRef(text=text, email=text.lower())
    words = text.split()
    if len(words) < 3:
        return ChildRef(text=text)
    surname, name, *middle = words[:-1]
    return ChildRef(
        text=text,
        surname=surname,
        name=name,
        patronymic=" ".join(middle),
        school_class=normalise_class_name(words[-1]),
    )
