"""The default rubric: the four criteria schools assess individual projects by, with levels."""

import uuid

from django.db import migrations

LEVELS = {
    "knowledge": [
        (0, "Работа в основном повторяет чужие материалы; проблема не поставлена."),
        (1, "Поставил проблему и с помощью руководителя нашёл и применил нужные знания."),
        (2, "Сам нашёл знания и способы решения, обосновал выбор и сделал выводы."),
        (3, "Предложил своё решение, сравнил его с другими и оценил его пределы."),
    ],
    "subject": [
        (0, "Грубые ошибки в содержании; предметные понятия используются неверно."),
        (1, "Содержание верно, понятия и способы действий предмета применены без ошибок."),
        (2, "Свободно владеет предметом темы, отвечает на вопросы по существу."),
        (3, "Выходит за рамки программы, связывает знания нескольких предметов."),
    ],
    "regulatory": [
        (0, "Работа не спланирована, сроки сорваны, этапы не доведены до конца."),
        (1, "Работа спланирована и выполнена по плану под контролем руководителя."),
        (2, "Сам планирует, следит за сроками и исправляет план по ходу работы."),
        (3, "Самостоятельно управлял проектом и оценил свои решения в рефлексии."),
    ],
    "communication": [
        (0, "Текст и защита не дают понять, что и зачем сделано."),
        (1, "Работа оформлена и представлена ясно, на вопросы даны ответы."),
        (2, "Выступление логичное и убедительное, ответы точные и уверенные."),
        (3, "Ведёт диалог с комиссией, аргументирует и удерживает внимание слушателей."),
    ],
}

CRITERIA = [
    (
        "knowledge",
        "Самостоятельное приобретение знаний и решение проблем",
        "Умение поставить проблему, найти способы её решения, получить новые знания.",
    ),
    (
        "subject",
        "Предметные знания и способы действий",
        "Умение раскрыть содержание работы, грамотно использовать знания предмета.",
    ),
    (
        "regulatory",
        "Регулятивные действия",
        "Умение планировать работу, соблюдать сроки, контролировать и корректировать ход работы.",
    ),
    (
        "communication",
        "Коммуникация",
        "Умение ясно изложить и оформить работу, представить результаты и ответить на вопросы.",
    ),
]


def _raw_criteria():
    raw = []
    for key, title, description in CRITERIA:
        raw.append(
            {
                "type": "criterion",
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"coworking:rubric:default:{key}")),
                "value": {
                    "title": title,
                    "description": description,
                    "weight": "1.00",
                    "levels": [
                        {
                            "type": "item",
                            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"coworking:{key}:{score}")),
                            "value": {"score": score, "description": text},
                        }
                        for score, text in LEVELS[key]
                    ],
                },
            }
        )
    return raw


def create(apps, schema_editor):
    from wagtail.blocks import StreamValue

    Rubric = apps.get_model("reviews", "Rubric")
    if Rubric.objects.filter(is_default=True).exists():
        return
    field = Rubric._meta.get_field("criteria")
    Rubric.objects.create(
        name="Индивидуальный проект: четыре критерия",
        description=(
            "Критерии оценки индивидуального проекта: базовый уровень — 1 балл по критерию, "
            "повышенный — 2–3 балла."
        ),
        is_default=True,
        # Lazy raw data is saved as written: the migration's field knows no block types.
        criteria=StreamValue(field.stream_block, _raw_criteria(), is_lazy=True),
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
