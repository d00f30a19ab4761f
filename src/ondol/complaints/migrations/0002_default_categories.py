"""The default complaint categories (also the Open311 services), with names in all 14 languages."""

from pathlib import Path

import yaml
from django.db import migrations

CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "categories.yaml"


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    Category = apps.get_model("complaints", "Category")
    for position, entry in enumerate(yaml.safe_load(CATEGORIES_FILE.read_text(encoding="utf-8"))):
        Category.objects.update_or_create(
            code=entry["code"],
            defaults={"group": entry.get("group", ""), "names": entry["names"],
                      "descriptions": entry.get("descriptions", {}), "keywords": entry.get("keywords", ""),
                      "sla_business_days": entry["sla"], "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
