using Kedro.Conversion;
using Kedro.Datasets.Internal;

namespace Kedro.Datasets.Tables;

/// <summary>
/// Converts between the table kinds a node may take and return: lists, arrays and sequences of records (a class, record
/// or struct, bound by column name ignoring case and underscores) or of <c>Dictionary&lt;string, object?&gt;</c>,
/// <see cref="System.Data.DataTable"/>, <see cref="Microsoft.Data.Analysis.DataFrame"/>, and Arrow's
/// <see cref="Apache.Arrow.RecordBatch"/> and <see cref="Apache.Arrow.Table"/>. Every conversion goes through one Arrow
/// record batch, column by column. <see cref="KedroDatasetsRegistration.AddKedroDatasets"/> registers it with
/// <see cref="ValueConverters"/>, so a node returning a <c>DataFrame</c> can feed a node that takes <c>List&lt;T&gt;</c>.
/// </summary>
/// <remarks>
/// <see cref="CanConvert"/> answers for pairs where at least one side is a <c>DataTable</c>, <c>DataFrame</c>,
/// <c>RecordBatch</c> or Arrow <c>Table</c>: a list of records or dictionaries into another list is left to the core's
/// own conversions (copying items that already fit, binding other records by name), which also handle nested values.
/// <see cref="Convert"/> itself converts any pair. Integers of every width and sign, floats, booleans, strings, dates, timestamps (with their unit and zone), decimals and
/// missing values convert exactly. A value that cannot be (a property type with no column form, a missing value for a
/// non-nullable property, a number out of a property's range) is refused with an <see cref="InvalidDataException"/>
/// naming the column and the row.
/// </remarks>
public sealed class TableConverter : IValueConverter
{
    /// <inheritdoc/>
    public bool CanConvert(Type from, Type to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return to != typeof(object) && !to.IsAssignableFrom(from) && TableShape.Of(to) is not null && TableShape.IsSource(from)
            && (TableShape.IsColumnar(from) || TableShape.IsColumnar(to));
    }

    /// <inheritdoc/>
    public object Convert(object value, Type to)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(to);
        var shape = TableShape.Of(to) ?? throw TableErrors.NotATableType(to);
        return ArrowTables.FromBatch(ArrowTables.ToBatch(value), shape);
    }
}
