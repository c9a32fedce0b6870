# The Payment model moves to the payments app. Only Django's idea of the models changes here; the table stays and
# newsstand/payments/migrations/0002_payment_from_access.py takes it over.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("access", "0002_default_plans")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Payment")],
            database_operations=[],
        )
    ]
