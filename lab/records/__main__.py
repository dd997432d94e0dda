"""python -m lab.records: write results/run.schema.json from the models again after changing them."""

from lab.records.schema import write_schema

print(f"wrote {write_schema()}")
