using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper.Configuration.Attributes;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Binds rows to records and records to rows. Columns match members as configuration keys do (<see cref="ConfigTreeBinder.Normalize"/>:
/// ignoring case, underscores, dashes and spaces), so
/// Kedro's snake_case headers (<c>company_rating</c>) fill PascalCase properties (<c>CompanyRating</c>); a
/// <see cref="NameAttribute"/> or <see cref="JsonPropertyNameAttribute"/> names the column explicitly. Records with a
/// parameterless constructor get their settable properties set; positional records are built through their
/// constructor. Saved columns are the members' names in snake_case unless an attribute names them.
/// </summary>
internal sealed class RecordBinder
{
    private static readonly ConcurrentDictionary<Type, RecordMembers> Members = new();
    private static readonly NullabilityInfoContext Nullability = new();

    private readonly Type _type;
    private readonly ConstructorInfo? _constructor;
    private readonly (int Column, Type Type, bool Nullable, object? Default, string Name)[] _arguments;
    private readonly (int Column, PropertyInfo Property, bool Nullable)[] _setters;
    private readonly string[] _columns;

    private RecordBinder(Type type, ConstructorInfo? constructor,
        (int, Type, bool, object?, string)[] arguments, (int, PropertyInfo, bool)[] setters, string[] columns)
    {
        _type = type;
        _constructor = constructor;
        _arguments = arguments;
        _setters = setters;
        _columns = columns;
    }

    /// <summary>Whether <paramref name="type"/> is a dictionary row (<c>Dictionary&lt;string, object?&gt;</c> or one of its interfaces).</summary>
    public static bool IsRowDictionary(Type type) =>
        type == typeof(Dictionary<string, object>) || type == typeof(IDictionary<string, object>)
        || type == typeof(IReadOnlyDictionary<string, object>);

    /// <summary>Prepares binding rows with <paramref name="columns"/> to <paramref name="type"/>.</summary>
    /// <exception cref="InvalidDataException">A required column is missing, or the type has nothing to bind.</exception>
    public static RecordBinder Create(Type type, string[] columns)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            byName.TryAdd(ConfigTreeBinder.Normalize(columns[i]), i);
        }

        var members = MembersOf(type);
        var missing = new List<string>();
        var arguments = new List<(int, Type, bool, object?, string)>();
        var bound = new HashSet<string>(StringComparer.Ordinal);
        if (members.Constructor is { } constructor)
        {
            foreach (var parameter in constructor.GetParameters())
            {
                var property = members.Properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                var names = ColumnNames(parameter, property);
                var column = Find(byName, names);
                var nullable = IsNullable(parameter.ParameterType, Nullability.Create(parameter));
                if (column < 0 && !parameter.HasDefaultValue && !nullable)
                {
                    missing.Add(names[0]);
                }

                arguments.Add((column, parameter.ParameterType, nullable, parameter.HasDefaultValue ? parameter.DefaultValue : null, names[0]));
                if (property is not null)
                {
                    bound.Add(property.Name);
                }
            }
        }

        var setters = new List<(int, PropertyInfo, bool)>();
        foreach (var property in members.Properties)
        {
            if (property.SetMethod is not { IsPublic: true } || bound.Contains(property.Name))
            {
                continue;
            }

            var names = ColumnNames(null, property);
            var column = Find(byName, names);
            var nullable = IsNullable(property.PropertyType, Nullability.Create(property));
            if (column >= 0)
            {
                setters.Add((column, property, nullable));
            }
            else if (property.IsDefined(typeof(RequiredMemberAttribute)) || (!nullable && !members.HasInitializer(property)))
            {
                missing.Add(names[0]);
            }
        }

        if (missing.Count > 0)
        {
            throw FileDatasetErrors.MissingColumns(type, missing, columns);
        }

        if (arguments.Count == 0 && setters.Count == 0)
        {
            throw members.Constructor is null && members.Properties.Length == 0
                ? FileDatasetErrors.NotARecord(type)
                : FileDatasetErrors.MissingColumns(type, members.Properties.Select(p => ColumnNames(null, p)[0]), columns);
        }

        return new RecordBinder(type, members.Constructor, [.. arguments], [.. setters], columns);
    }

    /// <summary>The columns this binder reads and the .NET type of the member each one fills.</summary>
    public IEnumerable<(int Column, Type Type)> BoundColumns =>
        _arguments.Where(a => a.Column >= 0).Select(a => (a.Column, a.Type))
            .Concat(_setters.Select(s => (s.Column, s.Property.PropertyType)));

    /// <summary>The public readable properties saved for <paramref name="type"/>, in declaration order, with their column names.</summary>
    public static (string Column, PropertyInfo Property)[] SaveColumns(Type type) =>
        [.. MembersOf(type).Properties.Where(p => p.GetMethod is { IsPublic: true }).Select(p => (SaveName(p), p))];

    /// <summary>The element type of a sequence type (<c>T</c> of <c>IEnumerable&lt;T&gt;</c> or of an array).</summary>
    public static Type? ElementTypeOf(Type sequence) =>
        sequence.IsArray
            ? sequence.GetElementType()
            : sequence.GetInterfaces().Prepend(sequence)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>Builds one record from a row; <paramref name="rowNumber"/> is the 1-based data row for messages.</summary>
    public object Bind(object?[] row, int rowNumber)
    {
        object record;
        if (_constructor is not null)
        {
            var values = new object?[_arguments.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var (column, type, nullable, defaultValue, name) = _arguments[i];
                values[i] = column < 0 ? defaultValue ?? DefaultOf(type) : Cell(row[column], type, nullable, rowNumber, _columns[column]);
            }

            record = _constructor.Invoke(values);
        }
        else
        {
            record = Activator.CreateInstance(_type)!;
        }

        foreach (var (column, property, nullable) in _setters)
        {
            property.SetValue(record, Cell(row[column], property.PropertyType, nullable, rowNumber, _columns[column]));
        }

        return record;
    }

    /// <summary>A dictionary row with values typed per column as pandas would infer them.</summary>
    public static IList BindDictionaries(Table table, Type listType)
    {
        var types = new Type[table.Columns.Length];
        for (var c = 0; c < types.Length; c++)
        {
            types[c] = Cells.InferColumnType(table.Rows, c);
        }

        var list = (IList)Activator.CreateInstance(listType, table.Rows.Count)!;
        foreach (var row in table.Rows)
        {
            var record = new Dictionary<string, object?>(table.Columns.Length, StringComparer.Ordinal);
            for (var c = 0; c < table.Columns.Length; c++)
            {
                record[table.Columns[c]] = row[c] is { } value && Cells.TryConvert(value, types[c], out var typed, out _) ? typed : row[c];
            }

            list.Add(record);
        }

        return list;
    }

    /// <summary>The columns and rows of records or dictionaries, for saving.</summary>
    public static Table ToTable(IEnumerable records)
    {
        var items = records.Cast<object?>().ToList();
        var first = items.FirstOrDefault(item => item is not null);
        if (first is IDictionary || first is IEnumerable<KeyValuePair<string, object?>>)
        {
            return DictionariesToTable(items);
        }

        var type = first?.GetType();
        if (type is null)
        {
            // An empty list of records still has columns: its element type's.
            type = ElementTypeOf(records.GetType());
            if (type is null || type == typeof(object) || !TableShape.IsRecordType(type) || IsRowDictionary(type))
            {
                return new Table([], []);
            }
        }

        var properties = MembersOf(type).Properties.Where(p => p.GetMethod is { IsPublic: true }).ToArray();
        if (properties.Length == 0)
        {
            throw FileDatasetErrors.NotARecord(type);
        }

        var columns = properties.Select(p => SaveName(p)).ToArray();
        var rows = new List<object?[]>(items.Count);
        foreach (var item in items)
        {
            var row = new object?[properties.Length];
            if (item is not null)
            {
                for (var c = 0; c < properties.Length; c++)
                {
                    row[c] = properties[c].GetValue(item);
                }
            }

            rows.Add(row);
        }

        return new Table(columns, rows);
    }

    private static Table DictionariesToTable(List<object?> items)
    {
        var columns = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var maps = new List<List<(string, object?)>>(items.Count);
        foreach (var item in items)
        {
            var entries = new List<(string, object?)>();
            switch (item)
            {
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        entries.Add((Cells.Format(entry.Key) ?? string.Empty, entry.Value));
                    }

                    break;
                case IEnumerable<KeyValuePair<string, object?>> pairs:
                    entries.AddRange(pairs.Select(pair => (pair.Key, pair.Value)));
                    break;
                default:
                    break;
            }

            foreach (var (key, _) in entries)
            {
                if (index.TryAdd(key, columns.Count))
                {
                    columns.Add(key);
                }
            }

            maps.Add(entries);
        }

        var rows = new List<object?[]>(maps.Count);
        foreach (var entries in maps)
        {
            var row = new object?[columns.Count];
            foreach (var (key, value) in entries)
            {
                row[index[key]] = value;
            }

            rows.Add(row);
        }

        return new Table([.. columns], rows);
    }

    private static object? Cell(object? raw, Type type, bool nullable, int rowNumber, string column)
    {
        if (raw is null)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (!nullable && underlying == typeof(double))
            {
                return double.NaN; // pandas' missing float
            }

            if (!nullable && underlying == typeof(float))
            {
                return float.NaN;
            }

            return nullable ? null : throw FileDatasetErrors.EmptyCell(rowNumber, column, type);
        }

        return Cells.TryConvert(raw, type, out var value, out var why)
            ? value
            : throw FileDatasetErrors.BadCell(rowNumber, column, raw, type, why);
    }

    private static object? DefaultOf(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    private static bool IsNullable(Type type, NullabilityInfo info) =>
        Nullable.GetUnderlyingType(type) is not null
        || (!type.IsValueType && info.WriteState != NullabilityState.NotNull && info.ReadState != NullabilityState.NotNull);

    private static int Find(Dictionary<string, int> byName, string[] names)
    {
        foreach (var name in names)
        {
            if (byName.TryGetValue(ConfigTreeBinder.Normalize(name), out var column))
            {
                return column;
            }
        }

        return -1;
    }

    private static string[] ColumnNames(ParameterInfo? parameter, PropertyInfo? property)
    {
        var names = new List<string>();
        if (parameter?.GetCustomAttribute<NameAttribute>() is { } parameterName)
        {
            names.AddRange(parameterName.Names);
        }

        if (property?.GetCustomAttribute<NameAttribute>() is { } propertyName)
        {
            names.AddRange(propertyName.Names);
        }

        if (property?.GetCustomAttribute<JsonPropertyNameAttribute>() is { } jsonName)
        {
            names.Add(jsonName.Name);
        }

        names.Add(property?.Name ?? parameter!.Name!);
        return [.. names];
    }

    private static string SaveName(PropertyInfo property) =>
        property.GetCustomAttribute<NameAttribute>()?.Names.FirstOrDefault()
        ?? property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
        ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    private static RecordMembers MembersOf(Type type) =>
        Members.GetOrAdd(type, static type =>
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && !p.IsDefined(typeof(IgnoreAttribute)) && !p.IsDefined(typeof(JsonIgnoreAttribute))
                    && !(p.Name == "EqualityContract" && p.PropertyType == typeof(Type)))
                .OrderBy(p => p.MetadataToken)
                .ToArray();
            var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
            var constructor = type.IsValueType || constructors.Any(c => c.GetParameters().Length == 0)
                ? null
                : constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            return new RecordMembers(properties, constructor, new Lazy<object?>(() => Probe(type, constructor)));
        });

    // An instance built with every constructor default, to tell which properties have an initializer; null when the
    // type cannot be built that way (then a property without its column is required). Initializers are code in the
    // constructor, not metadata, so this runs the record's constructor once, and only when a column is missing.
    private static object? Probe(Type type, ConstructorInfo? constructor)
    {
        try
        {
            return constructor is null
                ? Activator.CreateInstance(type)
                : constructor.Invoke([.. constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : DefaultOf(p.ParameterType))]);
        }
#pragma warning disable CA1031 // Whatever a user's constructor throws means only that no initializer is known.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <param name="Properties">The public instance properties, in declaration order.</param>
    /// <param name="Constructor">The constructor to bind through, or <see langword="null"/> for a parameterless one.</param>
    /// <param name="Defaults">
    /// An instance built with default arguments on first use, or <see langword="null"/> when none could be built.
    /// </param>
    private sealed record RecordMembers(PropertyInfo[] Properties, ConstructorInfo? Constructor, Lazy<object?> Defaults)
    {
        // A property initializer shows as a value other than the type's default on a freshly built instance (an
        // initializer equal to that default, such as '= 0', cannot be told apart and counts as none).
        public bool HasInitializer(PropertyInfo property)
        {
            if (property.GetMethod is not { IsPublic: true } || Defaults.Value is not { } defaults)
            {
                return false;
            }

            try
            {
                return !Equals(property.GetValue(defaults), DefaultOf(property.PropertyType));
            }
#pragma warning disable CA1031 // A getter that throws on the trial instance shows no initializer.
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }
        }
    }
}
