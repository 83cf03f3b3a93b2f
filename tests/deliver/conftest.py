"""Share test_cron's project fixtures (the copied samples, the brief built once) with the other cron tests."""
from tests.deliver.test_cron import built, sources  # noqa: F401
