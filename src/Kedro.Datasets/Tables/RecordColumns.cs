using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Apache.Arrow;
using Kedro.Datasets.Internal;

namespace Kedro.Datasets.Tables;

/// <summary>
/// Lists of records and of dictionaries to and from Arrow. Records are read column by column through compiled property
/// getters (no boxing of primitive values); rows bind to records through <see cref="RecordBinder"/>, so columns match
/// properties ignoring case and underscores, as for CSV and Excel.
/// </summary>
internal static class RecordColumns
{
    private static readonly ConcurrentDictionary<(Type, PropertyInfo), Delegate> Getters = new();
    private static readonly MethodInfo ValueColumnMethod = typeof(RecordColumns).GetMethod(nameof(ValueColumn), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The columns of a list of records or dictionaries: the records' saved properties, in declaration order.</summary>
    public static RecordBatch FromRecords(IEnumerable items)
    {
        var list = items as IList ?? items.Cast<object?>().ToList();
        object? first = null;
        foreach (var item in list)
        {
            if (item is not null)
            {
                first = item;
                break;
            }
        }

        var declared = RecordBinder.ElementTypeOf(items.GetType());
        if (first is IDictionary or IEnumerable<KeyValuePair<string, object?>> || (declared is not null && RecordBinder.IsRowDictionary(declared)))
        {
            return FromDictionaries(list);
        }

        var type = declared is not null && declared != typeof(object) && TableShape.IsRecordType(declared) ? declared : first?.GetType();
        if (type is null)
        {
            return ArrowTables.Empty(list.Count);
        }

        if (!TableShape.IsRecordType(type))
        {
            throw TableErrors.NotATable(items);
        }

        var properties = RecordBinder.SaveColumns(type);
        if (properties.Length == 0)
        {
            throw FileDatasetErrors.NotARecord(type);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } item && !type.IsInstanceOfType(item))
            {
                throw TableErrors.NotAnArray(i, item.GetType());
            }
        }

        var names = new List<string>(properties.Length);
        var arrays = new List<IArrowArray>(properties.Length);
        foreach (var (column, property) in properties)
        {
            var valueType = property.PropertyType;
            var underlying = Nullable.GetUnderlyingType(valueType) ?? valueType;
            if (!ArrowColumns.HasColumnForm(valueType))
            {
                throw TableErrors.NoColumnFormProperty(type, property.Name, valueType);
            }

            names.Add(column);
            if (underlying == typeof(string))
            {
                var getter = (Func<object, string?>)Getter(type, property, typeof(string));
                arrays.Add(ArrowColumns.Strings(list.Count, i => list[i] is { } item ? getter(item) : null));
            }
            else
            {
                arrays.Add((IArrowArray)Invoke(ValueColumnMethod.MakeGenericMethod(underlying), column, list, type, property));
            }
        }

        return ArrowTables.Batch(names, arrays, list.Count);
    }

    /// <summary>Binds every row of <paramref name="batch"/> to <paramref name="element"/>; returns a <c>List&lt;element&gt;</c>.</summary>
    /// <exception cref="InvalidDataException">A column is missing or does not fit its property, or a value does not fit.</exception>
    public static IList ToRecords(RecordBatch batch, Type element)
    {
        var listType = typeof(List<>).MakeGenericType(element);
        var list = (IList)Activator.CreateInstance(listType, batch.Length)!;
        if (RecordBinder.IsRowDictionary(element))
        {
            foreach (var row in ToDictionaries(batch))
            {
                list.Add(row);
            }

            return list;
        }

        if (batch.Length == 0)
        {
            return list; // as for CSV: a table without rows binds nothing, whatever its columns
        }

        var columns = ArrowTables.ColumnNames(batch);
        var binder = RecordBinder.Create(element, columns);
        var readers = new Func<int, object?>?[columns.Length];
        var targets = new Type?[columns.Length];
        foreach (var (column, memberType) in binder.BoundColumns)
        {
            var array = batch.Column(column);
            var natural = ArrowColumns.NaturalType(array.Data.DataType) ?? throw TableErrors.NoColumnForm(columns[column], array.Data.DataType);
            if (!Fits(natural, memberType))
            {
                throw TableErrors.ColumnDoesNotFit(columns[column], array.Data.DataType, natural, element, memberType);
            }

            readers[column] = ArrowColumns.Reader(array, columns[column]);
            targets[column] = memberType;
        }

        var cells = new object?[columns.Length];
        for (var r = 0; r < batch.Length; r++)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = readers[c] is { } read ? Prepare(read(r), targets[c]!, r + 1, columns[c]) : null;
            }

            list.Add(binder.Bind(cells, r + 1));
        }

        return list;
    }

    /// <summary>One dictionary per row, each value of its column's natural .NET type (<see langword="null"/> when missing).</summary>
    public static List<Dictionary<string, object?>> ToDictionaries(RecordBatch batch)
    {
        var columns = ArrowTables.ColumnNames(batch);
        var readers = new Func<int, object?>[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            readers[c] = ArrowColumns.Reader(batch.Column(c), columns[c]);
        }

        var rows = new List<Dictionary<string, object?>>(batch.Length);
        for (var r = 0; r < batch.Length; r++)
        {
            var row = new Dictionary<string, object?>(columns.Length, StringComparer.Ordinal);
            for (var c = 0; c < columns.Length; c++)
            {
                row[columns[c]] = readers[c](r);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Whether a column whose values are <paramref name="natural"/> can fill a member of <paramref name="target"/>.</summary>
    public static bool Fits(Type natural, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type == typeof(object) || natural == typeof(object) || natural == type)
        {
            return true;
        }

        if (ArrowColumns.IsNumber(natural) || natural == typeof(decimal))
        {
            return ArrowColumns.IsNumber(type) || type == typeof(decimal) || type.IsEnum;
        }

        return natural == typeof(string) ? type.IsEnum || type == typeof(char) || type == typeof(Guid)
            : natural == typeof(DateOnly) ? type == typeof(DateTime)
            : natural == typeof(DateTime) ? type == typeof(DateTimeOffset)
            : natural == typeof(DateTimeOffset) && type == typeof(DateTime);
    }

    // A dictionary list's columns: keys in order of first appearance; each column's type from its values.
    private static RecordBatch FromDictionaries(IList rows)
    {
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var maps = new List<Dictionary<string, object?>?>(rows.Count);
        foreach (var row in rows)
        {
            Dictionary<string, object?>? map = null;
            if (row is not null)
            {
                map = new Dictionary<string, object?>(StringComparer.Ordinal);
                switch (row)
                {
                    case IDictionary dictionary:
                        foreach (DictionaryEntry entry in dictionary)
                        {
                            map[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value is DBNull ? null : entry.Value;
                        }

                        break;
                    case IEnumerable<KeyValuePair<string, object?>> pairs:
                        foreach (var (key, value) in pairs)
                        {
                            map[key] = value is DBNull ? null : value;
                        }

                        break;
                    default:
                        throw TableErrors.NotAnArray(maps.Count, row.GetType());
                }

                foreach (var key in map.Keys)
                {
                    if (index.TryAdd(key, names.Count))
                    {
                        names.Add(key);
                    }
                }
            }

            maps.Add(map);
        }

        var arrays = new List<IArrowArray>(names.Count);
        foreach (var name in names)
        {
            object? Get(int r) => maps[r] is { } map && map.TryGetValue(name, out var value) ? value : null;
            var type = ArrowTables.ColumnType(name, rows.Count, Get);
            arrays.Add(ArrowColumns.BuildBoxed(name, type, rows.Count, r => ArrowTables.Widen(name, r, Get(r), type)));
        }

        return ArrowTables.Batch(names, arrays, rows.Count);
    }

    // Makes a column's value fit a member: dates and timestamps between their .NET forms, numbers only when exact.
    private static object? Prepare(object? value, Type target, int row, string column)
    {
        if (value is null)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type == typeof(object) || type.IsInstanceOfType(value))
        {
            return value;
        }

        switch (value)
        {
            case DateTimeOffset instant when type == typeof(DateTime):
                return instant.UtcDateTime;
            case DateOnly date when type == typeof(DateTime):
                return date.ToDateTime(TimeOnly.MinValue);
            case DateTime time when type == typeof(DateTimeOffset):
                return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
            default:
                break;
        }

        if ((ArrowColumns.IsNumber(type) || type == typeof(decimal)) && (ArrowColumns.IsNumber(value.GetType()) || value is decimal))
        {
            try
            {
                var converted = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
                if (value.Equals(Convert.ChangeType(converted, value.GetType(), CultureInfo.InvariantCulture)))
                {
                    return converted;
                }
            }
            catch (OverflowException)
            {
                // Refused below.
            }

            throw FileDatasetErrors.BadCell(row, column, value, target, $"out of range or not exact for '{TypeNames.Of(type)}'");
        }

        return value;
    }

    private static IArrowArray ValueColumn<T>(string column, IList items, Type recordType, PropertyInfo property)
        where T : struct
    {
        var getter = (Func<object, T?>)Getter(recordType, property, typeof(T?));
        return ArrowColumns.Build(column, items.Count, i => items[i] is { } item ? getter(item) : null);
    }

    // A compiled getter object -> (property value as resultType), cached per record type and property.
    private static Delegate Getter(Type recordType, PropertyInfo property, Type resultType) =>
        Getters.GetOrAdd((recordType, property), static (key, result) =>
        {
            var (record, member) = key;
            var parameter = Expression.Parameter(typeof(object), "record");
            var body = Expression.Convert(Expression.Property(Expression.Convert(parameter, record), member), result);
            return Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(object), result), body, parameter).Compile();
        }, resultType);

    private static object Invoke(MethodInfo method, params object?[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidDataException inner)
        {
            throw inner;
        }
    }
}
