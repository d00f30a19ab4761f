from io import StringIO

from django.core.management import call_command


def test_models_and_committed_migrations_agree(db) -> None:
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()
