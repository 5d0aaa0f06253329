using System.Data;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Kedro.Datasets.Tests.Tables;
using Kedro.IO;
using Microsoft.Data.Analysis;

namespace Kedro.Datasets.Tests.Feather;

public sealed class FeatherDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-feather-tests");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<Type> Kinds()
    {
        var data = new TheoryData<Type>();
        foreach (var kind in TableConverterTests.Kinds)
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Saves_from_and_loads_as_every_table_kind_keeping_every_column_type_and_missing_value(Type kind)
    {
        var dataset = new FeatherDataset(_dir.PathOf("wide.feather"));

        dataset.Save(TableConverterTests.Convert(Rows.Sample, kind));
        var loaded = dataset.Load(kind)!;

        Assert.IsAssignableFrom(kind, loaded);
        Assert.Equal(Rows.Sample, (List<Wide>)TableConverterTests.Convert(loaded, typeof(List<Wide>)));
    }

    [Fact]
    public async Task Saves_and_loads_asynchronously_and_untyped_as_a_data_table()
    {
        var dataset = new FeatherDataset(_dir.PathOf("async.feather"));

        await dataset.SaveAsync(Rows.Sample);
        var loaded = (Wide[])(await dataset.LoadAsync(typeof(Wide[])))!;
        var table = Assert.IsType<DataTable>(await dataset.LoadAsync());

        Assert.Equal(Rows.Sample, loaded);
        Assert.Equal(typeof(DateTimeOffset), table.Columns["when"]!.DataType);
    }

    [Fact]
    public void The_file_is_an_arrow_ipc_file_with_the_columns_arrow_types_and_zone()
    {
        var path = _dir.PathOf("types.feather");
        new FeatherDataset(path).Save(Rows.Sample);

        using var reader = new ArrowFileReader(File.OpenRead(path), new Apache.Arrow.Compression.CompressionCodecFactory());
        var batch = reader.ReadNextRecordBatch();

        Assert.Equal(2, batch.Length);
        Assert.Equal("+02:00", ((TimestampType)batch.Schema.GetFieldByName("when").DataType).Timezone);
        Assert.IsType<Decimal128Type>(batch.Schema.GetFieldByName("money").DataType);
    }

    [Theory]
    [InlineData("lz4")]
    [InlineData("zstd")]
    [InlineData("uncompressed")]
    [InlineData(null)]
    public void Save_args_compression_writes_a_file_that_loads_back(string? compression)
    {
        var path = _dir.PathOf($"{compression ?? "null"}.feather");
        var dataset = new FeatherDataset(path, saveArgs: new Dictionary<string, object?> { ["compression"] = compression });
        var rows = Enumerable.Range(0, 2000).Select(i => new TableConverterTests.Paint("red", "tag")).ToList();

        dataset.Save(rows);

        Assert.Equal(rows, (List<TableConverterTests.Paint>)dataset.Load(typeof(List<TableConverterTests.Paint>))!);
        var plain = _dir.PathOf("plain.feather");
        new FeatherDataset(plain, saveArgs: new Dictionary<string, object?> { ["compression"] = "uncompressed" }).Save(rows);
        var compressed = compression is not (null or "uncompressed");
        Assert.Equal(compressed, new FileInfo(path).Length < new FileInfo(plain).Length);
    }

    [Fact]
    public void Lz4_is_the_default_compression_as_in_pandas_and_unknown_ones_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new FeatherDataset(_dir.PathOf("x.feather"), saveArgs: new Dictionary<string, object?> { ["compression"] = "snappy" }));

        Assert.Equal("lz4", new FeatherDataset(_dir.PathOf("d.feather")).SaveArgs["compression"]);
        Assert.StartsWith("save_args 'compression' of 'FeatherDataset' must be one of 'lz4', 'zstd', 'uncompressed', 'none' or null, not 'snappy'.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_args_columns_loads_only_those_columns_and_a_missing_one_is_named()
    {
        var path = _dir.PathOf("wide.feather");
        new FeatherDataset(path).Save(Rows.Sample);
        var some = new FeatherDataset(path, loadArgs: new Dictionary<string, object?> { ["columns"] = new List<object?> { "u64", "day" } });
        var missing = new FeatherDataset(path, loadArgs: new Dictionary<string, object?> { ["columns"] = new List<object?> { "price" } });

        var frame = (DataFrame)some.Load(typeof(DataFrame))!;
        var error = Assert.Throws<DatasetException>(() => missing.Load(typeof(DataFrame)));

        Assert.Equal(["u64", "day"], frame.Columns.Select(c => c.Name));
        Assert.Equal(ulong.MaxValue, frame.Columns["u64"][0]);
        Assert.Contains($"load_args 'columns' asks for column 'price', which '{path}' does not have (columns: 'i8', 'u8',", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_feather_files_loads_as_one_table_in_file_name_order()
    {
        var folder = _dir.PathOf("parts");
        Directory.CreateDirectory(folder);
        new FeatherDataset(Path.Combine(folder, "b.feather")).Save(new[] { new TableConverterTests.Small(2) });
        new FeatherDataset(Path.Combine(folder, "a.feather")).Save(new[] { new TableConverterTests.Small(1) });

        var rows = (TableConverterTests.Small[])new FeatherDataset(folder).Load(typeof(TableConverterTests.Small[]))!;

        Assert.Equal([new(1), new(2)], rows);
    }

    [Fact]
    public void Versioned_saves_load_the_latest_version()
    {
        var path = _dir.PathOf("versioned.feather");
        new FeatherDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new[] { new TableConverterTests.Small(1) });
        new FeatherDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(new[] { new TableConverterTests.Small(2) });

        var latest = (TableConverterTests.Small[])new FeatherDataset(path, version: new DatasetVersion(null, null)).Load(typeof(TableConverterTests.Small[]))!;

        Assert.Equal([new(2)], latest);
    }

    [Fact]
    public void A_save_that_fails_leaves_the_earlier_file_intact()
    {
        var path = _dir.PathOf("kept.feather");
        var dataset = new FeatherDataset(path);
        dataset.Save(new[] { new TableConverterTests.Small(1) });
        var before = File.ReadAllBytes(path);

        Assert.Throws<DatasetException>(() => dataset.Save(new[] { new TableConverterTests.Timed(TimeSpan.Zero) }));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["kept.feather"], Directory.GetFiles(_dir.PathOf()).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_is_not_feather_fails_naming_the_dataset_and_the_file()
    {
        var path = _dir.PathOf("text.feather");
        File.WriteAllText(path, "this is not an arrow file at all");

        var error = Assert.Throws<DatasetException>(() => new FeatherDataset(path).Load(typeof(RecordBatch)));

        Assert.Contains("FeatherDataset", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}' is not a Feather (Arrow IPC) file, or it is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_whose_type_does_not_fit_a_record_property_names_both()
    {
        var path = _dir.PathOf("small.feather");
        new FeatherDataset(path).Save(new[] { new TableConverterTests.Small(1) });

        var error = Assert.Throws<DatasetException>(() => new FeatherDataset(path).Load(typeof(List<Named>)));

        Assert.Contains("column 'value' holds 'byte' values (Arrow 'uint8'), which do not fit property type 'string' of 'FeatherDatasetTests.Named'.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_column_forms_pandas_writes_dictionary_and_large_strings_nullable_ints_and_nanosecond_timestamps()
    {
        var path = _dir.PathOf("pandas.feather");
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var batch = new RecordBatch.Builder()
            .Append("id", true, new Int64Array.Builder().Append(1).AppendNull().Build())
            .Append("kind", true, new DictionaryArray(new DictionaryType(Int8Type.Default, StringType.Default, false),
                new Int8Array.Builder().Append(1).Append(0).Build(), new StringArray.Builder().Append("a").Append("b").Build()))
            .Append("note", true, new LargeStringArray.Builder().Append("x").AppendNull().Build())
            .Append("at", true, new TimestampArray.Builder(TimeUnit.Nanosecond).Append(at).Append(at).Build())
            .Build();
        using (var stream = File.Create(path))
        {
            var options = new IpcOptions { CompressionCodec = CompressionCodecType.Lz4Frame, CompressionCodecFactory = new Apache.Arrow.Compression.CompressionCodecFactory() };
            using var writer = new ArrowFileWriter(stream, batch.Schema, leaveOpen: false, options);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var rows = (List<PandasRow>)new FeatherDataset(path).Load(typeof(List<PandasRow>))!;

        Assert.Equal([new PandasRow(1, "b", "x", at.UtcDateTime), new PandasRow(null, "a", null, at.UtcDateTime)], rows);
    }

    [Fact]
    public void A_file_without_record_batches_loads_as_an_empty_table_with_its_columns()
    {
        var path = _dir.PathOf("schema-only.feather");
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(Int64Type.Default))
            .Field(f => f.Name("name").DataType(StringType.Default))
            .Field(f => f.Name("flag").DataType(BooleanType.Default))
            .Build();
        using (var stream = File.Create(path))
        {
            using var writer = new ArrowFileWriter(stream, schema);
            writer.WriteStart();
            writer.WriteEnd();
        }

        var frame = (DataFrame)new FeatherDataset(path).Load(typeof(DataFrame))!;

        Assert.Equal(["id", "name", "flag"], frame.Columns.Select(c => c.Name));
        Assert.Equal(0, frame.Rows.Count);
    }

    public sealed record Named(string Value);

    public sealed record PandasRow(long? Id, string Kind, string? Note, DateTime At);
}
