#!/bin/sh
# Spaceflights data_processing + data_science: Kedro.NET's pipeline time against the pandas/scikit-learn reference,
# interleaved in the same minutes on the same generated raw data. Run from the repository root:
#   dotnet build -c Release samples/Spaceflights/Spaceflights.csproj
#   sh benchmarks/spaceflights/compare.sh [rounds]
# Prints each round's Kedro.NET time (its "Pipeline execution completed successfully in ..." line, which times the
# same span as Kedro's) and the reference's pipeline time, then both R^2 lines.
set -e
rounds=${1:-5}
raw=samples/Spaceflights/data/01_raw
python=/usr/bin/python3
if [ ! -f "$raw/shuttles.xlsx" ]; then
  dotnet run -c Release --no-build --project samples/Spaceflights -- run --pipelines data_processing > /dev/null
fi
i=1
while [ "$i" -le "$rounds" ]; do
  net=$(dotnet run -c Release --no-build --project samples/Spaceflights -- run --pipelines data_processing,data_science)
  ref=$($python benchmarks/spaceflights/reference.py "$raw")
  echo "round $i: Kedro.NET $(echo "$net" | grep -o 'completed successfully in [0-9.]* sec' | grep -o '[0-9.]* sec')," \
       "reference $(echo "$ref" | grep -o 'pipeline_seconds=[0-9.]*' | cut -d= -f2) sec"
  i=$((i + 1))
done
echo "Kedro.NET: $(echo "$net" | grep -o 'Model has a coefficient R^2 of [0-9.]* on test data.')"
echo "reference: $(echo "$ref" | head -1)"
