"""Staff pages of the guide: which topics are translated and reviewed, with links to edit them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ondol.accounts.access import require_staff
from ondol.core.languages import LANGUAGE_CODES
from ondol.guide import queries


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    rows = queries.review_matrix()
    counts = {code: {"reviewed": 0, "draft": 0, "missing": 0} for code in LANGUAGE_CODES}
    for row in rows:
        for code, article in row["cells"]:
            counts[code]["missing" if article is None else article.status] += 1
    return render(request, "guide/staff_home.html", {
        "rows": rows, "languages": LANGUAGE_CODES, "counts": [(code, counts[code]) for code in LANGUAGE_CODES],
    })
