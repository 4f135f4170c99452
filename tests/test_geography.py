import re

import pytest
from django.core.management import call_command

from municipalities.models import Municipality, Region

pytestmark = pytest.mark.django_db


def test_seed_loads_21_regions_and_290_municipalities_with_official_codes():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    assert Region.objects.count() == 21
    assert Municipality.objects.count() == 290
    for region in Region.objects.all():
        assert re.fullmatch(r"\d{2}", region.code)
    for code, region_code in Municipality.objects.values_list("code", "region__code"):
        assert re.fullmatch(r"\d{4}", code)
        assert code.startswith(region_code)


def test_jamtland_has_its_eight_municipalities():
    call_command("seed_demo", verbosity=0)
    names = set(Municipality.objects.filter(region__code="23").values_list("name", flat=True))
    assert names == {
        "Berg",
        "Bräcke",
        "Härjedalen",
        "Krokom",
        "Ragunda",
        "Strömsund",
        "Åre",
        "Östersund",
    }


def test_region_names_are_translated_and_fall_back_to_english_then_swedish():
    from django.utils import translation

    call_command("seed_demo", verbosity=0)
    region = Region.objects.get(code="01")
    with translation.override("sv"):
        assert region.name == "Stockholms län"
    with translation.override("en"):
        assert region.name == "Stockholm County"
    region.name_uk = ""
    with translation.override("uk"):
        assert region.name == "Stockholm County"
    region.name_en = ""
    with translation.override("uk"):
        assert region.name == "Stockholms län"


def test_region_page_query_count_is_bounded(client, django_assert_max_num_queries):
    call_command("seed_demo", verbosity=0)
    with django_assert_max_num_queries(4):
        response = client.get("/en/municipalities/vastra-gotalands-lan/")
    assert response.status_code == 200
    assert "Göteborg" in response.content.decode()


def test_municipalities_are_listed_in_swedish_order(geography):
    from newcomers.forms import MoveFactsForm

    names = [label for _value, label in MoveFactsForm().fields["municipality"].choices][1:]
    assert names.index("Ystad") < names.index("Åmål")
    assert names.index("Åmål") < names.index("Älmhult") < names.index("Örebro")
    assert names.index("Åre") < names.index("Älvdalen") < names.index("Öckerö")


def test_the_embedded_database_sorts_in_the_same_order():
    import sqlite3

    from municipalities.collation import SWEDISH, _compare, swedish_key

    assert SWEDISH == "sv-x-icu"

    names = ["Örebro", "Älmhult", "Ystad", "Åmål", "Alingsås", "Åre"]
    expected = ["Alingsås", "Ystad", "Åmål", "Åre", "Älmhult", "Örebro"]
    assert sorted(names, key=swedish_key) == expected
    connection = sqlite3.connect(":memory:")
    connection.create_collation(SWEDISH, _compare)
    connection.execute("create table m (name text)")
    connection.executemany("insert into m values (?)", [(n,) for n in names])
    rows = connection.execute('select name from m order by name collate "sv-x-icu"')
    assert [row[0] for row in rows] == expected
