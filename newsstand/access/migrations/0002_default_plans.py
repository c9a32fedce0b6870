"""Sensible defaults on first run: the all-access plan "Gold" with a 7-day trial, single editions, the policy."""

from decimal import Decimal

from django.db import migrations


def create_defaults(apps, schema_editor):
    Plan = apps.get_model("access", "Plan")
    AccessPolicy = apps.get_model("access", "AccessPolicy")
    if not Plan.objects.exists():
        Plan.objects.create(
            name="Gold", slug="gold", kind="all_access", family="gold", monthly_price=Decimal("9.99"),
            yearly_price=Decimal("99.00"), currency="EUR", trial_days=7, keeps_released_editions=False, position=0,
        )
        Plan.objects.create(
            name="Single edition", slug="single-edition", kind="edition", family="single-edition",
            edition_price=Decimal("3.99"), currency="EUR", trial_days=0, position=10,
        )
    AccessPolicy.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
