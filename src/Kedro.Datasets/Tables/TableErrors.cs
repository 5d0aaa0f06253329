using System.Globalization;
using Apache.Arrow.Types;

namespace Kedro.Datasets.Tables;

/// <summary>The messages of table conversions, in one place so the wording stays consistent. Rows are numbered from 1.</summary>
internal static class TableErrors
{
    public static InvalidDataException NoColumnForm(string column, IArrowType type) =>
        new($"column '{column}' has Arrow type '{type.Name}', which Kedro.NET tables do not read. "
            + "Supported: integers, floats, bool, strings, dates, timestamps, decimal128, null, and dictionary-encoded columns of any of these.");

    public static InvalidDataException NoArrowForm(string column, Type type) =>
        new($"column '{column}' holds '{TypeNames.Of(type)}' values, which have no column form. A column holds {ArrowColumns.ColumnTypes}.");

    public static InvalidDataException NoColumnFormProperty(Type record, string property, Type type) =>
        new($"property '{property}' of '{TypeNames.Of(record)}' is a '{TypeNames.Of(type)}', which has no column form. "
            + $"A column holds {ArrowColumns.ColumnTypes}; mark the property [Ignore] or [JsonIgnore] to leave it out.");

    public static InvalidDataException MixedValue(string column, int row, object value, Type expected) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}' holds a '{TypeNames.OfValue(value)}' ('{value}'), but the column holds '{TypeNames.Of(expected)}' values. ")
            + "Give every value of a column the same type.");

    public static InvalidDataException MixedKinds(string column, int row) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}' mixes UTC and local or unspecified DateTime values, so the column has no single time zone. ")
            + "Convert every value to UTC (DateTime.ToUniversalTime) or none of them.");

    public static InvalidDataException LocalTime(string column, int row) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}' holds a DateTime of kind Local, whose instant depends on this machine's time zone. ")
            + "Use ToUniversalTime() for an instant in UTC, or DateTimeKind.Unspecified for a wall-clock time without a zone.");

    public static InvalidDataException DecimalTooWide(string column, int row, decimal value, int scale) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}': the decimal {value} has too many integer digits for a decimal128 column of ")
            + string.Create(CultureInfo.InvariantCulture,
                $"scale {scale} (another value has {scale} decimal places, leaving {38 - scale} integer digits of the 38 decimal128 holds). ")
            + "Round the column to fewer decimal places (Math.Round) before saving it.");

    public static InvalidDataException DecimalOutOfRange(string column, int row, Decimal128Type type, Exception inner) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}': the decimal128({type.Precision}, {type.Scale}) value does not fit .NET's decimal ")
            + "(at most 28 to 29 significant digits). Round the column to fewer digits, or store it as float64 or a string, before writing the file.",
            inner);

    public static InvalidDataException ChunksDoNotJoin(string column, IArrowType type, Exception inner) =>
        new($"column '{column}' (Arrow '{type.Name}') is split over several record batches whose arrays cannot be joined: {inner.Message}", inner);

    public static InvalidDataException OutOfNanoseconds(string column, int row) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}': the timestamp has a sub-microsecond part, so it is stored in nanoseconds, ")
            + "but it lies outside the years 1677 to 2262 that nanosecond timestamps can hold. Round it to whole microseconds.");

    public static InvalidDataException FinerThanTicks(string column, int row, long nanoseconds) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"row {row + 1}, column '{column}': the timestamp {nanoseconds} ns since 1970 has a part finer than 100 ns, which .NET's DateTime cannot hold. ")
            + "Round the column to whole microseconds before saving it.");

    public static InvalidDataException UnknownZone(string column, string zone, Exception inner) =>
        new($"column '{column}' is a timestamp in time zone '{zone}', which this machine does not know. "
            + "Write the column in UTC or with a fixed offset such as '+01:00'.", inner);

    public static InvalidDataException ColumnDoesNotFit(string column, IArrowType arrowType, Type natural, Type record, Type property) =>
        new($"column '{column}' holds '{TypeNames.Of(natural)}' values (Arrow '{arrowType.Name}'), which do not fit property type "
            + $"'{TypeNames.Of(property)}' of '{TypeNames.Of(record)}'. Change the property's type to '{TypeNames.Of(natural)}' "
            + "(nullable if the column has missing values), or convert the column before saving.");

    public static InvalidDataException NotATable(object value) =>
        new($"a '{TypeNames.OfValue(value)}' is not a table. Tables are DataFrame, Apache.Arrow.RecordBatch, Apache.Arrow.Table, "
            + "System.Data.DataTable, or a list or array of records or of Dictionary<string, object?>.");

    public static InvalidDataException NotATableType(Type type) =>
        new($"'{TypeNames.Of(type)}' is not a table type. Tables are DataFrame, Apache.Arrow.RecordBatch, Apache.Arrow.Table, "
            + "System.Data.DataTable, or List<T>, IReadOnlyList<T>, IList<T>, IEnumerable<T> or T[] of records or of Dictionary<string, object?>.");

    public static InvalidDataException DuplicateColumn(string column) =>
        new($"the table has two columns named '{column}'. Rename one of them: columns are found by name.");

    public static InvalidDataException TooManyRows(long rows) =>
        new(string.Create(CultureInfo.InvariantCulture, $"the table has {rows} rows, more than the {int.MaxValue} one Arrow record batch holds."));

    public static InvalidDataException NotAnArray(int row, Type type) =>
        new(string.Create(CultureInfo.InvariantCulture, $"row {row + 1} is a '{TypeNames.Of(type)}', not a record of the list's element type."));
}
