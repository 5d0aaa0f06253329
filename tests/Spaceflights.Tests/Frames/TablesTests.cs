using Microsoft.Data.Analysis;
using Spaceflights.Frames;

namespace Spaceflights.Tests.Frames;

public sealed class TablesTests
{
    [Fact]
    public void InnerMerge_KeepsTheLeftOrderAndEachRowsMatchesInTheRightOrder()
    {
        // pandas >= 2.2: left rows in order; for each, its matching right rows in order. Unmatched rows on either side go.
        var left = new DataFrame(new Int64DataFrameColumn("id", [30L, 10, 20, 40, 10]), new StringDataFrameColumn("l", ["a", "b", "c", "d", "e"]));
        var right = new DataFrame(new Int64DataFrameColumn("key", [10L, 99, 30, 10, 20]), new StringDataFrameColumn("r", ["p", "q", "s", "t", "u"]));

        var merged = Tables.InnerMerge(left, right, leftOn: "id", rightOn: "key");

        Assert.Equal(["id", "l", "key", "r"], merged.Columns.Select(c => c.Name));
        Assert.Equal(["a", "b", "b", "c", "e", "e"], merged.Columns["l"].Cast<string>());
        Assert.Equal(["s", "p", "t", "u", "p", "t"], merged.Columns["r"].Cast<string>());
        Assert.Equal(merged.Columns["id"].Cast<long>(), merged.Columns["key"].Cast<long>());
    }

    [Fact]
    public void InnerMerge_MatchesAnIntegerKeyWithTheSameNumberStoredAsAFloat()
    {
        var left = new DataFrame(new DoubleDataFrameColumn("company_id", [2.0, 1.0]));
        var right = new DataFrame(new Int64DataFrameColumn("id", [1L, 2L]), new StringDataFrameColumn("name", ["one", "two"]));

        var merged = Tables.InnerMerge(left, right, "company_id", "id");

        Assert.Equal(["two", "one"], merged.Columns["name"].Cast<string>());
    }

    [Fact]
    public void InnerMerge_SuffixesNamesInBothTablesAsPandas()
    {
        var left = new DataFrame(new Int64DataFrameColumn("k", [1L]), new StringDataFrameColumn("name", ["left"]));
        var right = new DataFrame(new Int64DataFrameColumn("k", [1L]), new StringDataFrameColumn("name", ["right"]));

        var merged = Tables.InnerMerge(left, right, "k", "k");

        Assert.Equal(["k", "name_x", "name_y"], merged.Columns.Select(c => c.Name));
    }

    [Fact]
    public void InnerMerge_WithAMissingKeyColumn_ListsTheColumns()
    {
        var frame = new DataFrame(new Int64DataFrameColumn("id", [1L]));

        var error = Assert.Throws<ArgumentException>(() => Tables.InnerMerge(frame, frame, "shuttle_id", "id"));

        Assert.Contains("Column 'shuttle_id' is not in the table; its columns are: id.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DropNa_DropsRowsWithANullOrANaN_KeepingOrder()
    {
        var frame = new DataFrame(
            new DoubleDataFrameColumn("x", [1.0, double.NaN, 3, 4, 5]),
            new StringDataFrameColumn("s", ["a", "b", null, "d", "e"]),
            new Int64DataFrameColumn("n", [1L, 2, 3, null, 5]));

        var result = Tables.DropNa(frame);

        Assert.Equal(["a", "e"], result.Columns["s"].Cast<string>());
    }

    [Fact]
    public void GroupMean_SortsTheKeysAndAveragesNumericAndBooleanColumnsIgnoringMissingValues()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("shuttle_type", ["Type V5", "Type F5", "Type V5", "Type F5"]),
            new DoubleDataFrameColumn("engines", [1.0, null, 3, 2]),
            new BooleanDataFrameColumn("d_check_complete", [true, false, false, false]),
            new StringDataFrameColumn("engine_vendor", ["a", "b", "c", "d"]),
            new Int64DataFrameColumn("passenger_capacity", [2L, 4, 5, 8]));

        var result = Tables.GroupMean(frame, "shuttle_type");

        Assert.Equal(["shuttle_type", "engines", "d_check_complete", "passenger_capacity"], result.Columns.Select(c => c.Name));
        Assert.Equal(["Type F5", "Type V5"], result.Columns["shuttle_type"].Cast<string>());
        Assert.Equal([2.0, 2.0], result.Columns["engines"].Cast<double?>());
        Assert.Equal([0.0, 0.5], result.Columns["d_check_complete"].Cast<double?>());
        Assert.Equal([6.0, 3.5], result.Columns["passenger_capacity"].Cast<double?>());
    }

    [Fact]
    public void GroupMean_NumericKeys_SortByValueAndKeepTheirType()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("engines", [10L, 9, 10, null, 2]),
            new DoubleDataFrameColumn("price", [1.0, 2, 3, 4, 5]));

        var result = Tables.GroupMean(frame, "engines");

        var key = Assert.IsType<Int64DataFrameColumn>(result.Columns["engines"]);
        Assert.Equal([2L, 9L, 10L], key.Cast<long?>());
        Assert.Equal([5.0, 2.0, 2.0], result.Columns["price"].Cast<double?>());
    }

    [Fact]
    public void GroupMean_KeysThatCannotBeSorted_AreRefusedNamingTheColumnAndRow()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<Unordered>("pair", [new Unordered(1), new Unordered(2)]),
            new DoubleDataFrameColumn("price", [1.0, 2]));

        var error = Assert.Throws<ArgumentException>(() => Tables.GroupMean(frame, "pair"));

        Assert.StartsWith("Column 'pair' row 0 holds", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be sorted", error.Message, StringComparison.Ordinal);
    }

    private readonly record struct Unordered(int Value);

    [Fact]
    public void Crosstab_CountsEachPairOfClasses_AsPandas()
    {
        // The reporting pipeline's fixed vectors: pandas.crosstab gives [[2, 3], [3, 3]].
        var counts = Tables.Crosstab([0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1], [1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1]);

        Assert.Equal(new double[,] { { 2, 3 }, { 3, 3 } }, counts);
    }
}
