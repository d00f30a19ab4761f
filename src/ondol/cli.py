"""The `ondol` command: Django's management commands plus Ondol's own, with hyphenated names."""

from __future__ import annotations

import os
import sys

USAGE = """usage: ondol COMMAND [options]

Ondol's commands (each has --help):
  demo                 migrate and load the Daejeon demo data (idempotent; no server)
  serve [--port N]     serve the app on 127.0.0.1:N (default 8000); gunicorn when ONDOL_ENV=production
  migrate              create or update the database tables
  load-regions         load the 3,512 administrative dongs (--file F for another file)
  load-guide           load the service-guide articles from src/ondol/guide/content
  compile-catalogs     build the translation catalogues (.mo files)
  discover ...         the welfare blind-spot discovery pipeline (run, evaluate, synth)
  eligibility ...      batch eligibility screening (screen --input F --output F;
                       screen-registry --user NAME lists newly eligible clients)
  purge-expired        remove personal data past its retention period
Every other Django management command works too (ondol help lists them).
The database is the one DATABASE_URL names (SQLite under var/ by default).
"""


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ondol.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        sys.stdout.write(USAGE)
        return
    from django.core.management import execute_from_command_line

    command = args[0].replace("-", "_") if not args[0].startswith("-") else args[0]
    execute_from_command_line(["ondol", command, *args[1:]])


if __name__ == "__main__":
    main()
