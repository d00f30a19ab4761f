from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser

INTRO = """# Data model

Generated from the models by `ondol describe-models --output docs/data-model.md`; do not edit by hand.
Each section is one Django app; each table lists its columns, and the diagram shows the foreign keys
between Ondol's own tables.
"""


def _field_type(field: Any) -> str:
    if field.is_relation and field.related_model is not None:
        target = field.related_model._meta.label
        kind = "many-to-many" if field.many_to_many else "→"
        return f"{kind} {target}"
    return field.get_internal_type()


class Command(BaseCommand):
    help = "Write the data model of Ondol's apps as Markdown with a Mermaid diagram."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        lines = [INTRO, "```mermaid", "erDiagram"]
        ondol_models = [m for m in apps.get_models() if m.__module__.startswith("ondol.")]
        for model in ondol_models:
            for field in model._meta.get_fields():  # type: Any
                if (getattr(field, "many_to_one", False) or getattr(field, "many_to_many", False)) and \
                        field.concrete and field.related_model is not None and \
                        field.related_model.__module__.startswith("ondol."):
                    arrow = "}o--o{" if field.many_to_many else "}o--||"
                    lines.append(f"    {model.__name__} {arrow} {field.related_model.__name__} : {field.name}")
        lines.append("```")
        current_app = ""
        for model in sorted(ondol_models, key=lambda m: (m._meta.app_label, m.__name__)):
            meta = model._meta
            if meta.app_label != current_app:
                current_app = meta.app_label
                lines.append(f"\n## {current_app}\n")
            doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
            if doc.startswith(model.__name__ + "("):
                doc = ""
            lines.append(f"### {model.__name__} (`{meta.db_table}`)\n")
            if doc:
                lines.append(doc + "\n")
            lines.append("| column | type | notes |")
            lines.append("| --- | --- | --- |")
            for field in meta.concrete_fields:
                notes = []
                if field.primary_key:
                    notes.append("primary key")
                if field.unique and not field.primary_key:
                    notes.append("unique")
                if field.null:
                    notes.append("nullable")
                if field.choices:
                    notes.append("one of " + ", ".join(str(value) for value, _label in field.flatchoices[:12]))
                lines.append(f"| {field.column} | {_field_type(field)} | {'; '.join(notes)} |")
            for field in meta.many_to_many:
                lines.append(f"| {field.name} | {_field_type(field)} | |")
            for constraint in meta.constraints:
                lines.append(f"\nConstraint `{constraint.name}`.")
            lines.append("")
        text = "\n".join(lines) + "\n"
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {options['output']}.")
        else:
            self.stdout.write(text)
