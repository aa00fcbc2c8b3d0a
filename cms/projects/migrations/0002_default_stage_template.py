"""The default stages of a project, after the Russian individual-project practice."""

from django.db import migrations

STEPS = [
    (
        "Тема и цель",
        "Тема, проблема, цель и задачи проекта, вид будущего продукта.",
        2,
    ),
    (
        "План работы",
        "Этапы, сроки, что нужно узнать и сделать; для коллективного проекта — кто за что отвечает.",
        2,
    ),
    (
        "Исследование",
        "Источники, опросы, эксперименты и выводы из них.",
        6,
    ),
    (
        "Продукт",
        "Сам продукт и короткое описание: что это, как им пользоваться, кому он нужен.",
        6,
    ),
    (
        "Презентация и защита",
        "Презентация, текст выступления, ответы на вопросы комиссии.",
        2,
    ),
    (
        "Рефлексия",
        "Что получилось и что нет, чему научились, что сделали бы иначе.",
        1,
    ),
]


def create(apps, schema_editor):
    StageTemplate = apps.get_model("projects", "StageTemplate")
    StageTemplateStep = apps.get_model("projects", "StageTemplateStep")
    if StageTemplate.objects.filter(is_default=True).exists():
        return
    template = StageTemplate.objects.create(name="Индивидуальный проект", is_default=True)
    for order, (title, description, weeks) in enumerate(STEPS):
        StageTemplateStep.objects.create(
            template=template, sort_order=order, title=title, description=description, weeks=weeks
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
