using System.Data;

namespace Kedro.Datasets.Plots.Tests.Support;

/// <summary>Small tables as nodes return them.</summary>
internal static class SampleTables
{
    /// <summary>Spaceflights' shuttle_passenger_capacity table: the mean passenger capacity per shuttle type.</summary>
    public static DataTable ShuttleCapacity()
    {
        var table = new DataTable();
        table.Columns.Add("shuttle_type", typeof(string));
        table.Columns.Add("passenger_capacity", typeof(double));
        table.Rows.Add("Type V5", 3.5);
        table.Rows.Add("Type F5", 4.25);
        table.Rows.Add("Type A1", 2.0);
        return table;
    }

    /// <summary>Measurements by category, with a numeric and a text column for each kind of chart.</summary>
    public static DataTable Measurements()
    {
        var table = new DataTable();
        table.Columns.Add("day", typeof(int));
        table.Columns.Add("value", typeof(double));
        table.Columns.Add("group", typeof(string));
        table.Columns.Add("size", typeof(long));
        table.Rows.Add(1, 10.0, "a", 4L);
        table.Rows.Add(2, 12.5, "b", 8L);
        table.Rows.Add(3, 9.0, "a", 2L);
        table.Rows.Add(4, DBNull.Value, "b", 6L);
        return table;
    }
}
