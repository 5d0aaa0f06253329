using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Kedro.Datasets.Tables;
using Microsoft.Data.Analysis;
using ArrowTable = Apache.Arrow.Table;

namespace Kedro.Datasets.Tests.Tables;

public sealed class ArrowColumnEdgeTests : IDisposable
{
    private static readonly TableConverter Converter = new();
    private static readonly DictionaryType Categories = new(Int8Type.Default, StringType.Default, false);
    private readonly TempFolder _dir = new("kedro-arrow-edge-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_dictionary_column_over_two_chunks_with_their_own_dictionaries_converts_to_its_values()
    {
        var first = new DictionaryArray(Categories, new Int8Array.Builder().Append(1).Append(0).AppendNull().Build(),
            new StringArray.Builder().Append("red").Append("blue").Build());
        var second = new DictionaryArray(Categories, new Int8Array.Builder().Append(0).Append(1).Build(),
            new StringArray.Builder().Append("green").Append("red").Build());
        var field = new Field("Colour", Categories, true);
        var table = new ArrowTable(new Schema([field], null), [new Column(field, [first, second])]);

        var rows = (List<TableConverterTests.Paint>)Converter.Convert(table, typeof(List<TableConverterTests.Paint>));
        var frame = (DataFrame)Converter.Convert(table, typeof(DataFrame));
        var batch = (RecordBatch)Converter.Convert(table, typeof(RecordBatch));

        Assert.Equal(["blue", "red", null, "green", "red"], rows.Select(row => row.Colour));
        Assert.Equal(["blue", "red", null, "green", "red"], Enumerable.Range(0, 5).Select(i => frame.Columns["Colour"][i]));
        Assert.IsType<StringType>(batch.Schema.GetFieldByName("Colour").DataType);
        Assert.IsType<StringType>(batch.Column(0).Data.DataType);
    }

    [Fact]
    public void A_feather_file_whose_categorical_column_spans_two_record_batches_loads()
    {
        var path = _dir.PathOf("categories.feather");
        var dictionary = new StringArray.Builder().Append("a").Append("b").Build();
        var first = new RecordBatch.Builder()
            .Append("id", true, new Int64Array.Builder().Append(1).Append(2).Build())
            .Append("kind", true, new DictionaryArray(Categories, new Int8Array.Builder().Append(1).Append(0).Build(), dictionary))
            .Build();
        var second = new RecordBatch.Builder()
            .Append("id", true, new Int64Array.Builder().Append(3).Build())
            .Append("kind", true, new DictionaryArray(Categories, new Int8Array.Builder().AppendNull().Build(), dictionary))
            .Build();
        using (var stream = File.Create(path))
        {
            using var writer = new ArrowFileWriter(stream, first.Schema);
            writer.WriteRecordBatch(first);
            writer.WriteRecordBatch(second);
            writer.WriteEnd();
        }

        var rows = (List<Category>)new FeatherDataset(path).Load(typeof(List<Category>))!;

        Assert.Equal([new Category(1, "b"), new Category(2, "a"), new Category(3, null)], rows);
    }

    [Fact]
    public void A_decimal_with_a_large_integer_part_next_to_one_with_28_decimal_places_is_refused_naming_column_row_and_fix()
    {
        var rows = new List<Amount> { new(0.1234567890123456789012345678m), new(12_345_678_901m) };

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(rows, typeof(RecordBatch)));

        Assert.Contains("row 2, column 'value'", error.Message, StringComparison.Ordinal);
        Assert.Contains("scale 28", error.Message, StringComparison.Ordinal);
        Assert.Contains("Round the column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimals_whose_digits_fit_38_are_kept_exactly()
    {
        var rows = new List<Amount> { new(0.1234567890123456789012345678m), new(1_234_567_890m), new(-9_999_999_999.5m) };

        var batch = (RecordBatch)Converter.Convert(rows, typeof(RecordBatch));

        Assert.Equal(rows, (List<Amount>)Converter.Convert(batch, typeof(List<Amount>)));
    }

    [Fact]
    public void A_decimal128_value_beyond_dotnet_decimal_is_refused_on_load_naming_column_and_row()
    {
        var type = new Decimal128Type(38, 0);
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt128LittleEndian(bytes, Int128.Parse("1" + new string('0', 30), System.Globalization.CultureInfo.InvariantCulture));
        var batch = new RecordBatch.Builder()
            .Append("Value", true, new Decimal128Array.Builder(type).Append(1m).Append(bytes).Build())
            .Build();

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(batch, typeof(List<Amount>)));

        Assert.Contains("row 2, column 'Value'", error.Message, StringComparison.Ordinal);
        Assert.Contains("decimal128(38, 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_date_time_is_refused_naming_column_row_and_both_fixes()
    {
        var rows = new List<Stamp> { new(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified)), new(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local)) };

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(rows, typeof(RecordBatch)));

        Assert.Contains("row 2, column 'at'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ToUniversalTime()", error.Message, StringComparison.Ordinal);
        Assert.Contains("DateTimeKind.Unspecified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Char_and_guid_properties_save_as_text_and_load_back()
    {
        var rows = new List<Token> { new('x', Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), null), new('é', Guid.Empty, Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7")) };
        var path = _dir.PathOf("tokens.feather");

        var batch = (RecordBatch)Converter.Convert(rows, typeof(RecordBatch));
        new FeatherDataset(path).Save(rows);

        Assert.All(batch.Schema.FieldsList, field => Assert.IsType<StringType>(field.DataType));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", ((StringArray)batch.Column("id")).GetString(0));
        Assert.Equal(rows, (List<Token>)Converter.Convert(batch, typeof(List<Token>)));
        Assert.Equal(rows, (List<Token>)new FeatherDataset(path).Load(typeof(List<Token>))!);
    }

    [Fact]
    public void An_unreadable_column_type_message_lists_dictionaries_of_any_supported_type()
    {
        var batch = new RecordBatch.Builder()
            .Append("raw", true, new BinaryArray.Builder().Append([1, 2]).Build())
            .Build();

        var error = Assert.Throws<InvalidDataException>(() => Converter.Convert(batch, typeof(DataFrame)));

        Assert.Contains("column 'raw'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dictionary-encoded columns of any of these", error.Message, StringComparison.Ordinal);
    }

    public sealed record Category(long Id, string? Kind);

    public sealed record Amount(decimal Value);

    public sealed record Stamp(DateTime At);

    public sealed record Token(char Letter, Guid Id, Guid? Other);
}
