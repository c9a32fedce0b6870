# The Payment model comes from the access app: first Django learns of it on the table it has (access_payment),
# then the table takes the payments app's name. No row is copied or lost.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0001_initial"),
        ("access", "0003_payment_to_payments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Payment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("description", models.CharField(max_length=200, verbose_name="description")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=8, verbose_name="amount")),
                        ("currency", models.CharField(max_length=3, verbose_name="currency")),
                        ("provider", models.CharField(max_length=20, verbose_name="payment provider")),
                        ("provider_reference", models.CharField(blank=True, max_length=200, verbose_name="provider reference")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="paid")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="payments", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "payment",
                        "verbose_name_plural": "payments",
                        "ordering": ["-created_at"],
                        "db_table": "access_payment",
                    },
                )
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="payment", table=None),
    ]
