using System.Data;
using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Datasets.Tables;
using Microsoft.Data.Analysis;
using ArrowTable = Apache.Arrow.Table;

namespace Kedro.Datasets.Tests.Tables;

public sealed class TableConverterTests
{
    private static readonly TableConverter Converter = new();

    /// <summary>Every table kind a node may take or return.</summary>
    public static readonly Type[] Kinds =
    [
        typeof(List<Wide>), typeof(Wide[]), typeof(IReadOnlyList<Wide>), typeof(List<Dictionary<string, object?>>), typeof(DataTable),
        typeof(DataFrame), typeof(RecordBatch), typeof(ArrowTable),
    ];

    public static TheoryData<Type, Type> Pairs()
    {
        var data = new TheoryData<Type, Type>();
        foreach (var from in Kinds)
        {
            foreach (var to in Kinds)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<Type> EachKind()
    {
        var data = new TheoryData<Type>();
        foreach (var kind in Kinds)
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_column_type_and_missing_value_survives_a_conversion_between_any_two_kinds(Type from, Type to)
    {
        var source = Convert(Rows.Sample, from);

        var middle = Convert(source, to);
        var back = Assert.IsType<List<Wide>>(Convert(middle, typeof(List<Wide>)));

        Assert.Equal(Rows.Sample, back);
        Assert.IsAssignableFrom(to, middle);
    }

    [Theory]
    [MemberData(nameof(EachKind))]
    public void Each_kind_keeps_the_arrow_column_types_of_the_records(Type kind)
    {
        var expected = ArrowTypes(Batch(Rows.Sample));

        var actual = ArrowTypes(Batch(Convert(Rows.Sample, kind)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Records_become_columns_named_in_snake_case_with_one_arrow_type_per_dotnet_type()
    {
        var batch = Batch(Rows.Sample);

        Assert.Equal(
            [
                "i8:Int8", "u8:UInt8", "i16:Int16", "u16:UInt16", "i32:Int32", "u32:UInt32", "i64:Int64", "u64:UInt64", "f32:Float",
                "f64:Double", "money:Decimal128", "flag:Boolean", "name:String", "day:Date32", "at:Timestamp", "when:Timestamp",
                "maybe_int:Int32", "maybe_name:String", "maybe_day:Date32", "maybe_at:Timestamp", "maybe_flag:Boolean", "maybe_double:Double",
            ],
            batch.Schema.FieldsList.Select(f => $"{f.Name}:{f.DataType.TypeId}").Select(s => s.Replace("f32:Float", "f32:Float", StringComparison.Ordinal)));
        Assert.Equal(TimeUnit.Microsecond, ((TimestampType)batch.Schema.GetFieldByName("at").DataType).Unit);
        Assert.True(string.IsNullOrEmpty(((TimestampType)batch.Schema.GetFieldByName("at").DataType).Timezone));
        Assert.Equal("+02:00", ((TimestampType)batch.Schema.GetFieldByName("when").DataType).Timezone);
        Assert.Equal(1, batch.Column("maybe_int").NullCount);
        Assert.Equal(ulong.MaxValue, ((UInt64Array)batch.Column("u64")).GetValue(0));
    }

    [Fact]
    public void Utc_datetimes_become_a_utc_zoned_column_and_sub_microsecond_ticks_a_nanosecond_one()
    {
        var utc = new[] { new Moment(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc)) };
        var fine = new[] { new Moment(new DateTime(2024, 5, 1, 12, 0, 0).AddTicks(1)) };

        var utcType = (TimestampType)Batch(utc).Schema.FieldsList[0].DataType;
        var fineType = (TimestampType)Batch(fine).Schema.FieldsList[0].DataType;

        Assert.Equal(("UTC", TimeUnit.Microsecond), (utcType.Timezone, utcType.Unit));
        Assert.Equal(TimeUnit.Nanosecond, fineType.Unit);
        Assert.Equal(fine, (Moment[])Converter.Convert(Batch(fine), typeof(Moment[])));
        var back = ((Moment[])Converter.Convert(Batch(utc), typeof(Moment[])))[0].At;
        Assert.Equal((utc[0].At, DateTimeKind.Utc), (back, back.Kind));
    }

    [Fact]
    public void A_zoned_arrow_timestamp_reads_as_an_offset_in_its_zone_and_as_utc_in_a_data_frame()
    {
        var instant = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var batch = new RecordBatch.Builder()
            .Append("at", true, new TimestampArray.Builder(TimeUnit.Nanosecond, "+05:30").Append(instant).AppendNull().Build())
            .Build();

        var table = (DataTable)Converter.Convert(batch, typeof(DataTable));
        var frame = (DataFrame)Converter.Convert(batch, typeof(DataFrame));

        Assert.Equal(typeof(DateTimeOffset), table.Columns[0].DataType);
        Assert.Equal(TimeSpan.FromMinutes(330), ((DateTimeOffset)table.Rows[0][0]).Offset);
        Assert.Equal(instant, (DateTimeOffset)table.Rows[0][0]);
        Assert.Equal(DBNull.Value, table.Rows[1][0]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)frame.Columns[0][0]).Kind);
        Assert.Equal(instant.UtcDateTime, (DateTime)frame.Columns[0][0]);
        Assert.Null(frame.Columns[0][1]);
    }

    [Fact]
    public void A_data_frame_of_primitive_columns_round_trips_through_a_record_batch_keeping_types_values_and_missing_values()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("id", [1, null, 3]),
            new DoubleDataFrameColumn("score", [0.5, 1.5, null]),
            new BooleanDataFrameColumn("ok", [true, null, false]),
            new StringDataFrameColumn("name", ["a", null, "c"]));

        var batch = (RecordBatch)Converter.Convert(frame, typeof(RecordBatch));
        var back = (DataFrame)Converter.Convert(batch, typeof(DataFrame));

        Assert.Equal(["Int64", "Double", "Boolean", "String"], batch.Schema.FieldsList.Select(f => f.DataType.TypeId.ToString()));
        Assert.Equal([1L, null, 3L], Enumerable.Range(0, 3).Select(i => back.Columns["id"][i]));
        Assert.Equal(["a", null, "c"], Enumerable.Range(0, 3).Select(i => back.Columns["name"][i]));
        Assert.Equal([0.5, 1.5, null], Enumerable.Range(0, 3).Select(i => back.Columns["score"][i]));
        Assert.Equal([true, null, false], Enumerable.Range(0, 3).Select(i => back.Columns["ok"][i]));
    }

    [Fact]
    public void Dictionary_encoded_and_large_strings_read_as_strings()
    {
        var dictionary = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false),
            new Int32Array.Builder().Append(1).Append(0).AppendNull().Append(1).Build(),
            new StringArray.Builder().Append("red").Append("blue").Build());
        var large = new LargeStringArray.Builder().Append("x").AppendNull().Append("y").Append("z").Build();
        var batch = new RecordBatch.Builder().Append("colour", true, dictionary).Append("tag", true, large).Build();

        var rows = (List<Paint>)Converter.Convert(batch, typeof(List<Paint>));
        var frame = (DataFrame)Converter.Convert(batch, typeof(DataFrame));

        Assert.Equal([new Paint("blue", "x"), new Paint("red", null), new Paint(null, "y"), new Paint("blue", "z")], rows);
        Assert.Equal("blue", frame.Columns["colour"][0]);
        Assert.Equal("z", frame.Columns["tag"][3]);
    }

    [Theory]
    [MemberData(nameof(EachKind))]
    public void An_empty_table_keeps_its_columns_and_converts_to_every_kind(Type kind)
    {
        var converted = Convert(new List<Wide>(), kind);

        Assert.Empty(Assert.IsType<List<Wide>>(Convert(converted, typeof(List<Wide>))));
        var batch = Batch(converted);
        Assert.Equal(0, batch.Length);
        if (kind != typeof(List<Dictionary<string, object?>>))
        {
            // A list of dictionaries without rows has no columns; a decimal column without values has scale 0.
            Assert.Equal(TypeIds(Batch(Rows.Sample)), TypeIds(batch));
        }
    }

    [Fact]
    public void Wider_integer_columns_fill_narrower_properties_when_every_value_fits()
    {
        var batch = new RecordBatch.Builder().Append("value", true, new Int64Array.Builder().Append(200).Append(7).Build()).Build();

        Assert.Equal([new Small(200), new Small(7)], (List<Small>)Converter.Convert(batch, typeof(List<Small>)));
    }

    [Fact]
    public void A_value_out_of_a_propertys_range_is_refused_naming_the_row_and_column()
    {
        var batch = new RecordBatch.Builder().Append("value", true, new Int64Array.Builder().Append(1).Append(300).Build()).Build();

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(batch, typeof(List<Small>)));

        Assert.Equal("row 2, column 'value': cannot read '300' as 'byte' (out of range or not exact for 'byte').", error.Message);
    }

    [Fact]
    public void A_fraction_is_refused_for_an_integer_property()
    {
        var batch = new RecordBatch.Builder().Append("value", true, new DoubleArray.Builder().Append(1.5).Build()).Build();

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(batch, typeof(List<Small>)));

        Assert.Contains("row 1, column 'value': cannot read '1.5' as 'byte'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_for_a_non_nullable_property_is_refused_naming_the_row_and_column()
    {
        var batch = new RecordBatch.Builder().Append("value", true, new UInt8Array.Builder().Append(1).AppendNull().Build()).Build();

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(batch, typeof(Small[])));

        Assert.StartsWith("row 2, column 'value' is empty, which 'byte' cannot hold.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_whose_type_does_not_fit_the_property_is_refused_naming_both()
    {
        var batch = new RecordBatch.Builder().Append("value", true, new StringArray.Builder().Append("1").Build()).Build();

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(batch, typeof(List<Small>)));

        Assert.StartsWith("column 'value' holds 'string' values (Arrow 'utf8'), which do not fit property type 'byte' of 'TableConverterTests.Small'.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_with_no_column_form_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(new List<Timed> { new(TimeSpan.Zero) }, typeof(DataFrame)));

        Assert.StartsWith("property 'Span' of 'TableConverterTests.Timed' is a 'TimeSpan', which has no column form.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionaries_whose_column_mixes_types_are_refused_naming_the_row_and_column()
    {
        var rows = new List<Dictionary<string, object?>> { new() { ["x"] = 1 }, new() { ["x"] = "one" } };

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(rows, typeof(RecordBatch)));

        Assert.StartsWith("row 2, column 'x' holds a 'string' ('one'), but the column holds 'int' values.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionaries_widen_mixed_integers_and_floats_and_take_keys_in_order_of_appearance()
    {
        var rows = new List<Dictionary<string, object?>> { new() { ["a"] = 1, ["b"] = 2L }, new() { ["b"] = 2.5, ["c"] = null } };

        var batch = (RecordBatch)Converter.Convert(rows, typeof(RecordBatch));

        Assert.Equal(["a:Int32", "b:Double", "c:Null"], batch.Schema.FieldsList.Select(f => $"{f.Name}:{f.DataType.TypeId}"));
        Assert.Equal([2.0, 2.5], ((DoubleArray)batch.Column("b")).Values.ToArray());
        Assert.True(batch.Column("a").IsNull(1));
    }

    [Fact]
    public void A_mixed_utc_and_local_datetime_column_is_refused()
    {
        var rows = new[] { new Moment(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)), new Moment(new DateTime(2024, 1, 1)) };

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(rows, typeof(RecordBatch)));

        Assert.StartsWith("row 2, column 'at' mixes UTC and local or unspecified DateTime values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Can_convert_answers_for_table_pairs_only()
    {
        Assert.True(Converter.CanConvert(typeof(DataFrame), typeof(List<Wide>)));
        Assert.True(Converter.CanConvert(typeof(IEnumerable<Wide>), typeof(RecordBatch)));
        Assert.True(Converter.CanConvert(typeof(List<Dictionary<string, object?>>), typeof(ArrowTable)));
        Assert.True(Converter.CanConvert(typeof(DataTable), typeof(Wide[])));
        Assert.False(Converter.CanConvert(typeof(DataFrame), typeof(int)));
        Assert.False(Converter.CanConvert(typeof(int), typeof(DataFrame)));
        Assert.False(Converter.CanConvert(typeof(DataFrame), typeof(object)));
        Assert.False(Converter.CanConvert(typeof(string), typeof(DataFrame)));
        Assert.False(Converter.CanConvert(typeof(Dictionary<string, object>), typeof(DataFrame)));
        Assert.False(Converter.CanConvert(typeof(List<Wide>), typeof(IEnumerable<Wide>)));
        Assert.False(Converter.CanConvert(typeof(List<Wide>), typeof(Wide[]))); // lists into lists are the core's own conversions
        Assert.False(Converter.CanConvert(typeof(List<Dictionary<string, object?>>), typeof(List<Wide>)));
    }

    [Fact]
    public void Converting_something_that_is_not_a_table_says_what_tables_are()
    {
        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(42, typeof(DataFrame)));

        Assert.StartsWith("a 'int' is not a table. Tables are DataFrame, Apache.Arrow.RecordBatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_two_columns_of_one_name_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(new[] { new Twice(1, 2) }, typeof(RecordBatch)));

        Assert.StartsWith("the table has two columns named 'id'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arrow_table_of_several_chunks_reads_as_one_batch()
    {
        var first = Batch(Rows.Sample);
        var table = ArrowTable.TableFromRecordBatches(first.Schema, [first, first]);

        var rows = (List<Wide>)Converter.Convert(table, typeof(List<Wide>));

        Assert.Equal([.. Rows.Sample, .. Rows.Sample], rows);
    }

    [Fact]
    public void A_DataFrame_boolean_column_keeps_every_row_when_it_leaves_the_frame()
    {
        bool?[] flags = [true, false, true, true, false, true, true, true, true, true, null, false];
        var frame = new DataFrame(new BooleanDataFrameColumn("flag", flags));

        var batch = Batch(frame);
        var back = Assert.IsType<DataFrame>(Convert(batch, typeof(DataFrame)));

        var array = Assert.IsType<BooleanArray>(batch.Column(0));
        Assert.Equal(flags, Enumerable.Range(0, array.Length).Select(i => array.GetValue(i)));
        Assert.Equal(flags, back.Columns["flag"].Cast<bool?>());
    }

    internal static RecordBatch Batch(object table) => (RecordBatch)(table is RecordBatch batch ? batch : Converter.Convert(table, typeof(RecordBatch)));

    internal static object Convert(object value, Type to) => to.IsInstanceOfType(value) ? value : Converter.Convert(value, to);

    private static string[] TypeIds(RecordBatch batch) => [.. batch.Schema.FieldsList.Select(f => $"{f.Name}:{f.DataType.TypeId}")];

    private static string[] ArrowTypes(RecordBatch batch) =>
        [.. batch.Schema.FieldsList.Select(f => f.DataType switch
        {
            TimestampType t => $"{f.Name}:timestamp[{t.Unit}]",
            Decimal128Type d => $"{f.Name}:decimal({d.Precision},{d.Scale})",
            var t => $"{f.Name}:{t.Name}",
        })];

    public sealed record Small(byte Value);

#pragma warning disable IDE1006, CA1708 // two properties whose snake_case names are the same, on purpose
    public sealed record Twice(int Id, int ID);
#pragma warning restore IDE1006, CA1708

    public sealed record Timed(TimeSpan Span);

    public sealed record Moment(DateTime At);

    public sealed record Paint(string? Colour, string? Tag);
}
