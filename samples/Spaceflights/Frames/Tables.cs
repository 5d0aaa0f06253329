using System.Globalization;
using Microsoft.Data.Analysis;

namespace Spaceflights.Frames;

/// <summary>
/// The pandas operations the sample's nodes use, on <see cref="DataFrame"/>: <c>merge</c> (inner), <c>dropna</c>,
/// <c>groupby(...).mean(numeric_only=True)</c>, column selection, and numeric columns as arrays for the models.
/// </summary>
internal static class Tables
{
    private static readonly HashSet<Type> NumericTypes =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
    ];

    /// <summary>
    /// pandas' <c>left.merge(right, left_on=, right_on=)</c> (an inner join) in pandas ≥ 2.2's order: the left rows in
    /// order and, for each, its matching right rows in order. Keys match by value (an integer key matches the same
    /// number stored as a float; missing keys match each other, as in pandas). The result has the left columns, then
    /// the right ones; a name in both (other than one shared key) gets the suffix <c>_x</c> on the left and <c>_y</c>
    /// on the right.
    /// </summary>
    /// <param name="left">The left table.</param>
    /// <param name="right">The right table.</param>
    /// <param name="leftOn">The key column of <paramref name="left"/>.</param>
    /// <param name="rightOn">The key column of <paramref name="right"/>.</param>
    /// <returns>The merged table.</returns>
    /// <exception cref="ArgumentException">A key column does not exist.</exception>
    public static DataFrame InnerMerge(DataFrame left, DataFrame right, string leftOn, string rightOn)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var rightRows = new Dictionary<Key, List<long>>();
        var rightKey = Column(right, rightOn);
        for (long i = 0; i < rightKey.Length; i++)
        {
            var key = new Key(rightKey[i]);
            if (!rightRows.TryGetValue(key, out var rows))
            {
                rightRows[key] = rows = [];
            }

            rows.Add(i);
        }

        var leftKey = Column(left, leftOn);
        var leftIndex = new List<long>();
        var rightIndex = new List<long>();
        for (long i = 0; i < leftKey.Length; i++)
        {
            if (rightRows.TryGetValue(new Key(leftKey[i]), out var matches))
            {
                foreach (var match in matches)
                {
                    leftIndex.Add(i);
                    rightIndex.Add(match);
                }
            }
        }

        var sharedKey = string.Equals(leftOn, rightOn, StringComparison.Ordinal);
        var leftNames = left.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var rightNames = right.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var leftMap = new PrimitiveDataFrameColumn<long>("rows", leftIndex);
        var rightMap = new PrimitiveDataFrameColumn<long>("rows", rightIndex);
        var columns = new List<DataFrameColumn>();
        foreach (var column in left.Columns)
        {
            columns.Add(Renamed(column.Clone(leftMap), rightNames.Contains(column.Name) && !(sharedKey && column.Name == leftOn) ? column.Name + "_x" : column.Name));
        }

        foreach (var column in right.Columns.Where(c => !(sharedKey && c.Name == rightOn)))
        {
            columns.Add(Renamed(column.Clone(rightMap), leftNames.Contains(column.Name) ? column.Name + "_y" : column.Name));
        }

        return new DataFrame(columns);
    }

    /// <summary>pandas' <c>dropna()</c>: the rows without a missing value (a null, or NaN in a floating-point column), in order.</summary>
    /// <param name="frame">The table.</param>
    /// <returns>A new table with the complete rows.</returns>
    public static DataFrame DropNa(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var keep = new bool[frame.Rows.Count];
        Array.Fill(keep, true);
        foreach (var column in frame.Columns)
        {
            for (long i = 0; i < column.Length; i++)
            {
                keep[i] &= !IsMissing(column[i]);
            }
        }

        return frame.Filter(new BooleanDataFrameColumn("keep", keep));
    }

    /// <summary>
    /// pandas' <c>groupby([by]).mean(numeric_only=True).reset_index()</c>: one row a distinct value of
    /// <paramref name="by"/> (missing keys dropped), sorted as pandas sorts them (numbers by value, text ordinal), with the
    /// mean of every numeric or boolean column ignoring missing values. The key column keeps its type.
    /// </summary>
    /// <param name="frame">The table.</param>
    /// <param name="by">The column to group by.</param>
    /// <returns>The key column followed by one <see cref="double"/> column a numeric column.</returns>
    /// <exception cref="ArgumentException">The column does not exist, or its values cannot be ordered.</exception>
    public static DataFrame GroupMean(DataFrame frame, string by)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var keys = Column(frame, by);
        var groups = new SortedDictionary<object, List<long>>(Comparer<object>.Create(static (a, b) =>
            a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<object>.Default.Compare(a, b)));
        for (long i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key && !IsMissing(key))
            {
                if (key is not IComparable)
                {
                    throw new ArgumentException(
                        $"Column '{by}' row {i} holds '{key}' ({key.GetType().Name}), which cannot be sorted; expected numbers, " +
                        "text, booleans or dates to group by. Group by another column or convert this one first.", nameof(by));
                }

                if (!groups.TryGetValue(key, out var rows))
                {
                    groups[key] = rows = [];
                }

                rows.Add(i);
            }
        }

        var firstRows = new Int64DataFrameColumn("rows", groups.Values.Select(static rows => rows[0]));
        var columns = new List<DataFrameColumn> { keys.Clone(firstRows) };
        foreach (var column in frame.Columns.Where(c => c.Name != by && NumericTypes.Contains(c.DataType)))
        {
            columns.Add(new DoubleDataFrameColumn(column.Name, groups.Values.Select(rows =>
            {
                var values = rows.Select(r => column[r]).Where(v => !IsMissing(v)).Select(ToDouble).ToList();
                return values.Count == 0 ? (double?)null : values.Average();
            })));
        }

        return new DataFrame(columns);
    }

    /// <summary>
    /// pandas' <c>crosstab(rows, columns)</c> of two class vectors: the count of each (row class, column class) pair,
    /// classes sorted ascending (row <c>i</c> is the <c>i</c>-th smallest class of <paramref name="rows"/>).
    /// </summary>
    /// <param name="rows">The classes along the rows.</param>
    /// <param name="columns">The classes along the columns, one a row class.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double[,] Crosstab(IReadOnlyList<int> rows, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (rows.Count != columns.Count)
        {
            throw new ArgumentException($"All arrays must be of the same length: {rows.Count} row classes and {columns.Count} column classes.", nameof(columns));
        }

        var rowClasses = rows.Distinct().Order().ToList();
        var columnClasses = columns.Distinct().Order().ToList();
        var counts = new double[rowClasses.Count, columnClasses.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            counts[rowClasses.IndexOf(rows[i]), columnClasses.IndexOf(columns[i])]++;
        }

        return counts;
    }

    /// <summary>pandas' <c>frame[names]</c>: a new table of the named columns, in the order given.</summary>
    /// <param name="frame">The table.</param>
    /// <param name="names">The columns.</param>
    /// <returns>The selected columns (copies).</returns>
    /// <exception cref="ArgumentException">A column does not exist.</exception>
    public static DataFrame Select(DataFrame frame, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(names);
        return new DataFrame(names.Select(name => Column(frame, name).Clone()));
    }

    /// <summary>The column named <paramref name="name"/>, or an error listing the table's columns.</summary>
    /// <param name="frame">The table.</param>
    /// <param name="name">The column's name.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">The column does not exist.</exception>
    public static DataFrameColumn Column(DataFrame frame, string name)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Columns.IndexOf(name) >= 0
            ? frame.Columns[name]
            : throw new ArgumentException(
                $"Column '{name}' is not in the table; its columns are: {string.Join(", ", frame.Columns.Select(c => c.Name))}.", nameof(name));
    }

    /// <summary>A table of numeric or boolean columns as a matrix (one row a row; <see langword="true"/> is 1).</summary>
    /// <param name="frame">The table.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">A value is missing or not a number, naming the column and the row.</exception>
    public static double[,] ToMatrix(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var matrix = new double[frame.Rows.Count, frame.Columns.Count];
        for (var j = 0; j < frame.Columns.Count; j++)
        {
            var values = ToDoubles(frame.Columns[j]);
            for (var i = 0; i < values.Length; i++)
            {
                matrix[i, j] = values[i];
            }
        }

        return matrix;
    }

    /// <summary>A numeric or boolean column as an array (<see langword="true"/> is 1).</summary>
    /// <param name="column">The column.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">A value is missing or not a number, naming the column and the row.</exception>
    public static double[] ToDoubles(DataFrameColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var values = new double[column.Length];
        for (long i = 0; i < column.Length; i++)
        {
            var value = column[i];
            values[i] = IsMissing(value) || !NumericTypes.Contains(value!.GetType())
                ? throw new ArgumentException(
                    $"Column '{column.Name}' row {i} holds {(IsMissing(value) ? "a missing value" : $"'{value}' ({value!.GetType().Name})")}; " +
                    "expected a number or a boolean. Drop incomplete rows (dropna) or convert the column first.", nameof(column))
                : ToDouble(value);
        }

        return values;
    }

    private static bool IsMissing(object? value) => value is null or double.NaN or float.NaN;

    private static double ToDouble(object? value) => value is bool flag ? (flag ? 1 : 0) : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static DataFrameColumn Renamed(DataFrameColumn column, string name)
    {
        column.SetName(name);
        return column;
    }

    /// <summary>A join key compared by value: numbers as <see cref="double"/>, everything else by <see cref="object.Equals(object)"/>.</summary>
    private readonly record struct Key
    {
        public Key(object? value) => Value = value switch
        {
            null or double.NaN or float.NaN => null,
            bool => value,
            _ when NumericTypes.Contains(value.GetType()) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => value,
        };

        public object? Value { get; }
    }
}
