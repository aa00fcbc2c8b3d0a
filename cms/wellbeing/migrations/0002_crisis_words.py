"""The default crisis list; the psychologist edits it afterwards (the widget, the API)."""

from django.db import migrations

WORDS = [
    "суицид",
    "самоубий",
    "покончить с собой",
    "покончу с собой",
    "не хочу жить",
    "не хочется жить",
    "жить не хочу",
    "незачем жить",
    "хочу умереть",
    "лучше бы я умер",
    "убить себя",
    "убью себя",
    "повеситься",
    "повешусь",
    "выпрыгнуть из окна",
    "спрыгнуть с крыши",
    "самоповрежд",
    "порезать себя",
    "режу себя",
    "режу руки",
    "бьют",
    "избивают",
    "бьет меня",
    "насилие",
    "насилует",
    "домогает",
    "трогает меня",
    "угрожают",
    "травят",
    "травля",
    "suicide",
    "kill myself",
    "want to die",
    "self-harm",
    "hurt myself",
    "abuse",
]


def create(apps, schema_editor):
    CrisisWord = apps.get_model("wellbeing", "CrisisWord")
    for word in WORDS:
        CrisisWord.objects.get_or_create(word=word)


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
