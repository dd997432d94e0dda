"""python -m lab.records: write results/*.schema.json from the models again after changing them."""

from lab.records.schema import write_schemas

for path in write_schemas():
    print(f"wrote {path}")
