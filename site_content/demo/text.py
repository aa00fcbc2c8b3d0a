"""Words for synthetic demo content: Russian-looking (or English) titles, sentences and names."""

from __future__ import annotations

import random

__all__ = [
    "EN_PEOPLE",
    "EN_ROLES",
    "EN_WORDS",
    "RU_PEOPLE",
    "RU_ROLES",
    "RU_WORDS",
    "Text",
]

RU_WORDS = """
лицей школа коворкинг пространство проект команда ученик учитель наставник урок занятие
модуль практика исследование открытие встреча форум семинар лаборатория мастерская
библиотека выставка экспозиция решение методика программа курс олимпиада конференция
партнёр сетевой цифровой образовательный открытый городской региональный научный
инженерный творческий учебный летний зимний весенний осенний новый лучший главный
развитие взаимодействие сотрудничество поддержка наука искусство история математика
физика химия биология литература география информатика робототехника дизайн медиа
журналистика экология технология будущее идея задача результат опыт знание навык
компетенция оценка портфолио публикация доклад статья сборник отчёт план расписание
площадка зона аудитория зал кабинет центр клуб сообщество объединение совет родитель
выпускник абитуриент студент педагог методист куратор эксперт жюри конкурс фестиваль
экскурсия поездка экспедиция смена неделя день год четверть семестр тема вопрос ответ
диалог дискуссия презентация защита модель карта маршрут путеводитель материал ресурс
""".split()

RU_SYLLABLES = """
ра ло ни ка ве то ми са де ко ле ру па на ти го зе бо ча мо ли ре ны ва ду се по
""".split()

EN_WORDS = """
lyceum school coworking space project team student teacher mentor lesson module practice
research meeting forum seminar laboratory workshop library exhibition solution method
programme course olympiad conference partner network digital open city regional science
engineering creative summer winter spring autumn new main development cooperation support
art history mathematics physics chemistry biology literature geography computing robotics
design media ecology technology future idea task result experience knowledge skill
assessment portfolio publication report article plan schedule venue zone hall centre club
community council parent graduate guide map route resource question answer dialogue
""".split()

RU_PEOPLE = [
    "Анна Соколова",
    "Игорь Лебедев",
    "Мария Кузнецова",
    "Дмитрий Орлов",
    "Елена Васильева",
    "Сергей Морозов",
    "Ольга Новикова",
    "Павел Фёдоров",
]
RU_ROLES = ["учитель физики", "директор лицея", "выпускница", "методист", "ученик 10 класса", ""]
EN_PEOPLE = ["Anna Sokolova", "Igor Lebedev", "Maria Kuznetsova", "Dmitry Orlov", "Elena Vasilieva"]
EN_ROLES = ["physics teacher", "head of the lyceum", "graduate", "methodologist", ""]


class Text:
    """Russian-looking (or English) words, sentences and titles from one random generator."""

    def __init__(self, rng: random.Random, language: str):
        self.rng = rng
        self.language = language
        self.words = RU_WORDS if language == "ru" else EN_WORDS

    def word(self) -> str:
        if self.language == "ru" and self.rng.random() < 0.2:
            return "".join(self.rng.choices(RU_SYLLABLES, k=self.rng.randint(2, 4)))
        return self.rng.choice(self.words)

    def words_(self, count: int) -> str:
        return " ".join(self.word() for _ in range(count))

    def title(self) -> str:
        return self.words_(self.rng.randint(2, 5)).capitalize()

    def sentence(self) -> str:
        return self.words_(self.rng.randint(6, 16)).capitalize() + self.rng.choice(".....!?")

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def people(self) -> list[str]:
        return RU_PEOPLE if self.language == "ru" else EN_PEOPLE

    def roles(self) -> list[str]:
        return RU_ROLES if self.language == "ru" else EN_ROLES

    def person(self) -> str:
        return self.rng.choice(self.people())

    def lines(self, low: int, high: int) -> str:
        """Short lines, one per line: goals, outcomes, lists an editor types one item a line."""
        return "\n".join(
            self.words_(self.rng.randint(3, 7)).capitalize()
            for _ in range(self.rng.randint(low, high))
        )
