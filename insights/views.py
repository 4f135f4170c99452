"""The indicators as pages: the nation's headline figures for everyone, and a dashboard
for officers (their municipality or region) and staff (any scope), with its CSV."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.access import role_required

from .access import viewer_for
from .charts import bars_svg, shown
from .figures import figures, figures_over
from .indicators import BY_KEY, COUNT, INDICATORS
from .periods import FIRST, Quarter
from .scopes import NATION, Scope

HEADLINES = ("newcomers_arrived", "welcome_letters_sent", "smes_participating")
QUARTERS_CHARTED = 4
# A cell a spreadsheet would read as a formula begins with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def last_complete_quarter() -> Quarter:
    return Quarter.current().previous


def headlines(request: HttpRequest) -> HttpResponse:
    quarter = last_complete_quarter()
    wanted = tuple(BY_KEY[key] for key in HEADLINES)
    shown_now = figures(Scope(NATION), quarter, wanted)
    rows = [(indicator, shown(shown_now[indicator.key])) for indicator in wanted]
    return render(request, "insights/headlines.html", {"quarter": quarter, "rows": rows})


viewer_required = role_required(holder=viewer_for, attribute="viewer", mfa=True)


def _chosen(request: HttpRequest) -> tuple[str, str, Quarter | None, dict[str, str]]:
    """The scope and period asked for (the viewer's own and the last complete quarter
    by default), the quarter, and what is wrong with them, by field."""
    scope = request.GET.get("scope") or request.viewer.scopes[0][0]
    period = request.GET.get("period") or str(last_complete_quarter())
    errors, quarter = {}, None
    if not request.viewer.sees(scope):
        errors["scope"] = _("Choose one of the places in the list.")
    try:
        quarter = Quarter.begun(period)
    except ValueError:
        errors["period"] = _(
            "Write a quarter from %(first)s that has begun, such as %(quarter)s."
        ) % {"first": FIRST, "quarter": last_complete_quarter()}
    return scope, period, quarter, errors


@viewer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope_text, period, quarter, errors = _chosen(request)
    context = {"scopes": request.viewer.scopes, "scope": scope_text, "period": period}
    if errors:
        return render(request, "insights/dashboard.html", {**context, "errors": errors}, status=400)
    scope = Scope.parse(scope_text)
    quarters = [quarter]
    while len(quarters) < QUARTERS_CHARTED:
        quarters.insert(0, quarters[0].previous)
    charted = figures_over(scope, quarters)
    now = charted[quarter]
    rows = []
    for indicator in INDICATORS:
        row = {"indicator": indicator, "shown": shown(now[indicator.key]), "chart": None}
        row["parts"] = [(name, shown(f)) for _part, name, f in now.parts.get(indicator.key, [])]
        if indicator.measure == COUNT:
            points = [(q, charted[q][indicator.key]) for q in quarters]
            row["chart"] = bars_svg(f"chart-{indicator.key}", str(indicator.name), points)
            row["points"] = [(q, shown(f)) for q, f in points]
        rows.append(row)
    name = dict(request.viewer.scopes)[scope_text]
    return render(
        request,
        "insights/dashboard.html",
        {**context, "rows": rows, "name": name, "quarter": quarter, "computed": now.computed_at},
    )


def _cell(value: object) -> str:
    """A cell as text that no spreadsheet runs as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@viewer_required
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    scope_text, _period, quarter, errors = _chosen(request)
    if errors:
        return HttpResponse(" ".join(errors.values()), status=400, content_type="text/plain")
    scope = Scope.parse(scope_text)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="landa-{scope_text}-{quarter}.csv"'.replace(":", "-")
    )
    writer = csv.writer(response)
    writer.writerow(
        [_("scope"), _("period"), _("key"), _("indicator"), _("part"), _("value"), _("suppressed")]
    )
    shown_now = figures(scope, quarter)
    for indicator in INDICATORS:
        parts = [("", "", shown_now[indicator.key])]
        parts += shown_now.parts.get(indicator.key, [])
        for part, name, figure in parts:
            value = "" if figure.value is None else figure.value
            suppressed = "true" if figure.suppressed else "false"
            key = f"{indicator.key}:{part}" if part else indicator.key
            cells = (scope, quarter, key, indicator.name, name, value, suppressed)
            writer.writerow([_cell(cell) for cell in cells])
    return response
