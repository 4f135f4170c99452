"""`make loadtest`: each page under load beside a bare Django view, on real services.

What it does, in one run on one machine (issue 13):
1. migrates a fresh database and seeds the content (all 290 municipalities with their
   place pages, guides, the journey steps) and a realistic volume: newcomers with their
   journeys copied in SQL (``population.crowd_create``) and directory activities;
2. serves Landa with the production settings under gunicorn (2 sync workers), and a bare
   Django view (one view, no database, no middleware) under gunicorn beside it, with
   the same interpreter and the same number of workers;
3. drives each page with ``wrk`` (Debian's) at 16 connections, the bare view first and
   again last, and prints for each page its requests per second, its share of the bare
   view's, and p50 and p99; the table is written to ``docs/performance.md`` with the
   machine it ran on.

Absolute times vary from machine to machine; the ratio to the bare view, measured in
the same run, is what the goals are stated in. ``--quick`` uses small volumes and short
runs, for trying the script.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import django

# One key for this process and the served one, so that the session signed in here is
# valid there (a session carries a hash made with the key).
SECRET_KEY = "load-" + "x7Qp2Lr9Zk4Vt8Nw3Hs6Jd1Fg5Bm0Cy" * 2
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
os.environ["SECRET_KEY"] = SECRET_KEY
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import population, stack  # noqa: E402
from bench.reliability import machine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 16


@dataclass(frozen=True)
class Scale:
    newcomers: int = 100_000
    activities: int = 5_000
    seconds: int = 10


QUICK = Scale(newcomers=1_000, activities=200, seconds=3)


@dataclass(frozen=True)
class Result:
    page: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def newcomer_template():
    """A researcher from outside the EU moving to Östersund with a partner and a child:
    the journey every copy has."""
    from municipalities.models import Municipality

    return population.newcomer_template(
        "load-template@example.org",
        move={
            "citizenship": "third_country",
            "purpose": "research",
            "stay_months": 36,
            "arrival": timezone.localdate() + timedelta(days=20),
            "municipality": Municipality.objects.get(code="2380"),
        },
        family={"partner": True, "partner_working": False, "children": (4,)},
    )


def progress_made(user) -> None:
    """The first third of the steps done, as by a person some weeks in: the crowd's
    progress rows are then a mix of done and open, as in life."""
    from checklists.models import InstanceItem
    from checklists.services import instance_item_set_done

    rows = InstanceItem.objects.filter(instance__newcomer__user=user, state="active")
    rows = list(rows.order_by("position"))
    for row in rows[: len(rows) // 3]:
        instance_item_set_done(row=row, done=True)


def progress_rows() -> tuple[int, int]:
    """How many progress rows the journeys have, and how many of them are done."""
    from checklists.models import InstanceItem

    rows = InstanceItem.objects.all()
    return rows.count(), rows.filter(done_at__isnull=False).count()


def seed(scale: Scale) -> str:
    """Content and volume; returns the session cookie of a signed-in newcomer."""
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    template = newcomer_template()
    progress_made(template)
    population.crowd_create(template=template, count=scale.newcomers - 1)
    directory_seed(scale.activities)
    population.statistics_refresh()  # the activities too
    client = Client()
    client.force_login(template)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def directory_seed(count: int) -> None:
    """``count`` approved activities across the municipalities, bulk-written."""
    from associations.choices import Category
    from associations.models import Organization, Service
    from municipalities.models import Municipality

    municipalities = list(Municipality.objects.order_by("code"))
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Association {m.code}", municipality=m) for m in municipalities
    )
    categories = Category.values
    today = timezone.localdate()
    Service.objects.bulk_create(
        (
            Service(
                organization=organizations[i % len(organizations)],
                name=f"Activity {i}",
                description="Meet people near you.",
                category=categories[i % len(categories)],
                audience="everyone",
                state="approved",
                last_verified_on=today,
            )
            for i in range(count)
        ),
        batch_size=1000,
    )


# Issue 13's goals, as a share of the bare view's requests per second in the same run.
GOALS = {
    "journey preview, HTML": 0.25,
    "journey preview, JSON": 0.3,
    "my journey, signed in": 0.15,
}
ANONYMOUS_GOAL = 0.5
# The preview asked with answers nobody asked before, each request: its cold path,
# which no cache helps (bench/new_answers.lua). Shown beside the goals, not one of them.
NEW_ANSWERS = "journey preview, new answers each time"


def pages() -> list[tuple[str, str, bool]]:
    """(name, path, signed in) for each page measured."""
    from municipalities.models import Municipality

    municipality = Municipality.objects.select_related("region").get(code="2380")
    preview = (
        "citizenship=third_country&purpose=research&stay_months=36&children=3%2C+8"
        "&partner=1&partner_working=0&municipality=2380"
        f"&arrival={(timezone.localdate() + timedelta(days=60)).isoformat()}"
    )
    return [
        ("home, anonymous", "/sv/", False),
        ("region page", f"/sv{municipality.region.get_absolute_url()[3:]}", False),
        ("municipality page", f"/sv{municipality.get_absolute_url()[3:]}", False),
        ("guide list", "/sv/newcomers/guides/", False),
        ("directory", "/sv/directory/", False),
        ("events", "/sv/events/", False),
        ("journey preview, HTML", f"/sv/journey/?{preview}", False),
        ("journey preview, JSON", f"/sv/journey/?{preview}&format=json", False),
        (NEW_ANSWERS, f"/sv/journey/?{preview.split('&arrival=')[0]}&arrival=", False),
        ("my journey, signed in", "/sv/newcomers/journey/", True),
    ]


LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(name: str, url: str, seconds: int, cookie: str = "") -> Result:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if name == NEW_ANSWERS:
        command[1:1] = ["-s", str(ROOT / "bench" / "new_answers.lua")]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latencies = {int(p): float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    errors = ERRORS.search(output)
    return Result(
        page=name,
        requests_per_second=float(RATE.search(output).group(1)),
        p50_ms=latencies[50],
        p99_ms=latencies[99],
        errors=int(errors.group(1)) if errors else 0,
    )


def answered(url: str, cookie: str) -> None:
    """The page answers 200 itself (not a redirect to sign in), or nothing is measured."""
    visitor = stack.Visitor("")
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    status, _seconds, _body = visitor._open(request, timeout=130)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}, not 200")


def serve(env: dict[str, str], logs: Path) -> tuple[stack.Process, stack.Process, int, int]:
    app_port, bare_port = stack.free_port(), stack.free_port()
    app = stack.gunicorn(port=app_port, workers=2, env=env, logs=logs)
    command = [
        str(stack.VENV_BIN / "gunicorn"),
        "bench.bare:application",
        "--bind",
        f"127.0.0.1:{bare_port}",
        "--workers",
        "2",
    ]
    bare = stack.Process("bare", command, env=env, log=logs / "bare.log").start()
    if not stack.wait_until(
        lambda: stack.http_get(f"http://127.0.0.1:{bare_port}/")[0] == 200, timeout=60
    ):
        raise RuntimeError(f"the bare view did not start; see {bare.log}")
    return app, bare, app_port, bare_port


def production_env() -> dict[str, str]:
    return stack.service_env(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=SECRET_KEY,
        SITE_URL="http://127.0.0.1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
    )


def measure(scale: Scale, cookie: str, logs: Path) -> tuple[list[Result], float]:
    env = production_env()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    app, bare, app_port, bare_port = serve(env, logs)
    try:
        bare_url = f"http://127.0.0.1:{bare_port}/"
        before = wrk("bare Django view", bare_url, scale.seconds)
        results = []
        for name, path, signed_in in pages():
            url = f"http://127.0.0.1:{app_port}{path}"
            jar = f"{settings.SESSION_COOKIE_NAME}={cookie}" if signed_in else ""
            answered(url + ("2031-03-01" if name == NEW_ANSWERS else ""), jar)  # and warms
            results.append(wrk(name, url, scale.seconds, jar))
            print(f"  {results[-1]}")
        after = wrk("bare Django view", bare_url, scale.seconds)
    finally:
        app.stop()
        bare.stop()
    baseline = (before.requests_per_second + after.requests_per_second) / 2
    return [before, *results, after], baseline


def table(results: list[Result], baseline: float) -> list[str]:
    lines = [
        "| page | requests/s | share of the bare view | goal | p50 | p99 | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        share = r.requests_per_second / baseline
        unmeasured = r.page.startswith("bare") or r.page == NEW_ANSWERS
        goal = "" if unmeasured else GOALS.get(r.page, ANONYMOUS_GOAL)
        met = "" if goal == "" else (" (met)" if share >= goal else " (not yet)")
        goal_text = "" if goal == "" else f"≥ {goal:.2f}×{met}"  # noqa: RUF001
        lines.append(
            f"| {r.page} | {r.requests_per_second:.0f} | {share:.2f}× | {goal_text} | "  # noqa: RUF001
            f"{r.p50_ms:.1f} ms | {r.p99_ms:.1f} ms | {r.errors} |"
        )
    return lines


def write(
    path: Path, results: list[Result], baseline: float, scale: Scale, quick: bool, note: str
) -> None:
    rows, done = progress_rows()
    lines = [
        "# Performance: each page beside a bare Django view",
        "",
        "Written by `make loadtest` (`bench/load.py`); run it again to measure your machine.",
        f"Production settings, PostgreSQL and Redis, gunicorn with 2 sync workers, `wrk` at "
        f"{CONNECTIONS} connections for {scale.seconds} s a page, with {scale.newcomers:,} "
        f"newcomers and their journeys ({rows:,} progress rows, {done:,} of them done) and "
        f"{scale.activities:,} directory activities. The bare view is measured first and "
        "last; the share is of their mean.",
        "",
    ]
    if quick:
        lines += ["**Quick run: small volumes and short runs, for trying the script.**", ""]
    if note:
        lines += [note, ""]
    lines += ["## Machine", "", *[f"- {name}: {value}" for name, value in machine()], ""]
    lines += ["## Pages", "", *table(results, baseline), ""]
    lines += background(ROOT / "docs" / "reliability.md")
    path.write_text("\n".join(lines))
    print(f"\nWritten to {path}")


# The sections of docs/reliability.md that measure background work at this volume.
BACKGROUND = ("## Throughput of one worker process", "## The daily digest")


def background(reliability: Path) -> list[str]:
    """The outbox's throughput and the daily digest for 100,000 are measured with the
    faults they must survive, by ``make reliability``; its latest tables, quoted."""
    text = reliability.read_text() if reliability.exists() else ""
    date = re.search(r"^- date: (.+)$", text, re.MULTILINE)
    lines = [
        "## Background work",
        "",
        "Measured with real workers, PostgreSQL, Redis and an SMTP sink by `make "
        f"reliability` (`bench/reliability.py`){f' on {date.group(1)}' if date else ''}; from "
        "[reliability.md](reliability.md), which says how.",
        "",
    ]
    for heading in BACKGROUND:
        start = text.find(heading)
        if start < 0:
            continue
        section = text[start:].split("\n## ", 1)[0].splitlines()
        lines += [f"#{section[0]}", "", *[line for line in section if line.startswith("|")], ""]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small volumes, short runs")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--note", default="", help="a sentence written under the title")
    args = parser.parse_args()
    scale = QUICK if args.quick else Scale()
    print(f"Seeding {scale.newcomers:,} newcomers and {scale.activities:,} activities …")
    cookie = seed(scale)
    logs = Path(tempfile.mkdtemp(prefix="landa-load-"))
    results, baseline = measure(scale, cookie, logs)
    print("\n".join(table(results, baseline)))
    write(args.out, results, baseline, scale, args.quick, args.note)
    print(f"Logs of gunicorn: {logs}")


if __name__ == "__main__":
    main()
