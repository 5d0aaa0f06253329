using System.Collections;
using System.Data;

namespace Kedro.Datasets.Internal;

/// <summary>What a tabular dataset should build for a requested type.</summary>
internal enum TableShapeKind
{
    /// <summary>A <see cref="System.Data.DataTable"/>.</summary>
    DataTable,

    /// <summary>A <see cref="List{T}"/> of records.</summary>
    List,

    /// <summary>An array of records.</summary>
    Array,

    /// <summary>A <see cref="Microsoft.Data.Analysis.DataFrame"/>.</summary>
    DataFrame,

    /// <summary>An Arrow <see cref="Apache.Arrow.RecordBatch"/>.</summary>
    RecordBatch,

    /// <summary>An Arrow <see cref="Apache.Arrow.Table"/>.</summary>
    ArrowTable,
}

/// <summary>The shape a tabular dataset loads for a requested type, or <see langword="null"/> when it has none.</summary>
/// <param name="Kind">What to build.</param>
/// <param name="ElementType">The record type of a list or array.</param>
internal sealed record TableShape(TableShapeKind Kind, Type? ElementType)
{
    private static readonly TableShape DataTableShape = new(TableShapeKind.DataTable, null);

    public static TableShape? Of(Type requested)
    {
        if (requested == typeof(object) || requested == typeof(DataTable))
        {
            return DataTableShape;
        }

        if (requested == typeof(Microsoft.Data.Analysis.DataFrame))
        {
            return new TableShape(TableShapeKind.DataFrame, null);
        }

        if (requested == typeof(Apache.Arrow.RecordBatch))
        {
            return new TableShape(TableShapeKind.RecordBatch, null);
        }

        if (requested == typeof(Apache.Arrow.Table))
        {
            return new TableShape(TableShapeKind.ArrowTable, null);
        }

        if (requested.IsArray && requested.GetArrayRank() == 1)
        {
            var element = requested.GetElementType()!;
            return IsRecordType(element) ? new TableShape(TableShapeKind.Array, element) : null;
        }

        if (!requested.IsGenericType)
        {
            return null;
        }

        var definition = requested.GetGenericTypeDefinition();
        var argument = requested.GetGenericArguments()[0];
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>))
        {
            return IsRecordType(argument) ? new TableShape(TableShapeKind.List, argument) : null;
        }

        return null;
    }

    /// <summary>
    /// Whether values of <paramref name="type"/> are tables the conversion hub reads: a <see cref="DataTable"/>, a
    /// <c>DataFrame</c>, an Arrow <c>RecordBatch</c> or <c>Table</c>, or a sequence (of any collection type) of records or
    /// dictionaries.
    /// </summary>
    public static bool IsSource(Type type)
    {
        if (IsColumnar(type))
        {
            return true;
        }

        if (type == typeof(string) || typeof(IDictionary).IsAssignableFrom(type))
        {
            return false;
        }

        var element = RecordBinder.ElementTypeOf(type);
        return element is not null && !(element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            && IsRecordType(element);
    }

    /// <summary>Whether <paramref name="type"/> is a column-oriented table: a <see cref="DataTable"/>, a <c>DataFrame</c>, or an Arrow <c>RecordBatch</c> or <c>Table</c>.</summary>
    public static bool IsColumnar(Type type) =>
        typeof(DataTable).IsAssignableFrom(type) || typeof(Microsoft.Data.Analysis.DataFrame).IsAssignableFrom(type)
        || typeof(Apache.Arrow.RecordBatch).IsAssignableFrom(type) || typeof(Apache.Arrow.Table).IsAssignableFrom(type);

    /// <summary>Whether rows can bind to <paramref name="type"/>: a class, record or struct with properties, or a dictionary.</summary>
    public static bool IsRecordType(Type type) =>
        !type.IsPrimitive && type != typeof(string) && type != typeof(decimal) && !type.IsEnum && !type.IsPointer
        && !type.IsArray && type != typeof(object)
        && (RecordBinder.IsRowDictionary(type) || (!type.IsAbstract && !typeof(IEnumerable).IsAssignableFrom(type)));
}
