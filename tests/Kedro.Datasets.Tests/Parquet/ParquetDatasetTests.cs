using System.Data;
using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Datasets.Tests.Tables;
using Kedro.IO;
using Microsoft.Data.Analysis;
using Parquet;
using Parquet.Schema;

namespace Kedro.Datasets.Tests.Parquet;

public sealed class ParquetDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-parquet-tests");

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
        var dataset = new ParquetDataset(_dir.PathOf("wide.parquet"));

        dataset.Save(TableConverterTests.Convert(Rows.Sample, kind));
        var loaded = dataset.Load(kind)!;

        Assert.IsAssignableFrom(kind, loaded);
        Assert.Equal(Rows.Sample, (List<Wide>)TableConverterTests.Convert(loaded, typeof(List<Wide>)));
    }

    [Fact]
    public async Task Saves_and_loads_asynchronously()
    {
        var dataset = new ParquetDataset(_dir.PathOf("async.parquet"));

        await dataset.SaveAsync(Rows.Sample);
        var loaded = (Wide[])(await dataset.LoadAsync(typeof(Wide[])))!;

        Assert.Equal(Rows.Sample, loaded);
    }

    [Fact]
    public void Untyped_load_is_a_data_table_as_for_the_other_tabular_datasets()
    {
        var dataset = new ParquetDataset(_dir.PathOf("untyped.parquet"));
        dataset.Save(Rows.Sample);

        var table = Assert.IsType<DataTable>(dataset.Load());

        Assert.Equal(typeof(ulong), table.Columns["u64"]!.DataType);
        Assert.Equal(typeof(DateOnly), table.Columns["day"]!.DataType);
        Assert.Equal(DBNull.Value, table.Rows[1]["maybe_int"]);
    }

    [Fact]
    public async Task Writes_the_standard_logical_types_pandas_and_pyarrow_read()
    {
        var path = _dir.PathOf("types.parquet");
        new ParquetDataset(path).Save(Rows.Sample);

        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);

        Assert.Equal(global::Parquet.Meta.ConvertedType.DATE, fields["day"].SchemaElement!.ConvertedType);
        var at = Assert.IsType<DateTimeDataField>(fields["at"]);
        Assert.Equal((DateTimeFormat.Timestamp, DateTimeTimeUnit.Micros, false), (at.DateTimeFormat, at.Unit, at.IsAdjustedToUTC));
        Assert.True(Assert.IsType<DateTimeDataField>(fields["when"]).IsAdjustedToUTC);
        Assert.Equal(typeof(ulong), fields["u64"].ClrType);
        Assert.Equal(typeof(sbyte), fields["i8"].ClrType);
        var money = Assert.IsType<DecimalDataField>(fields["money"]);
        Assert.Equal((38, 4), (money.Precision, money.Scale));
        Assert.Equal(global::Parquet.Meta.ConvertedType.UTF8, fields["name"].SchemaElement!.ConvertedType);
        Assert.All(fields.Values, field => Assert.True(field.IsNullable));
    }

    [Fact]
    public void Nanosecond_timestamps_keep_their_unit_and_zoned_ones_come_back_in_utc()
    {
        var dataset = new ParquetDataset(_dir.PathOf("ns.parquet"));
        var instant = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(3);
        var batch = new RecordBatch.Builder()
            .Append("ns", true, new TimestampArray.Builder(TimeUnit.Nanosecond).Append(instant).AppendNull().Build())
            .Append("zoned", true, new TimestampArray.Builder(TimeUnit.Millisecond, "Europe/Paris").Append(instant.AddTicks(-3)).Append(instant.AddTicks(-3)).Build())
            .Build();

        dataset.Save(batch);
        var loaded = (RecordBatch)dataset.Load(typeof(RecordBatch))!;

        var ns = (TimestampType)loaded.Schema.GetFieldByName("ns").DataType;
        var zoned = (TimestampType)loaded.Schema.GetFieldByName("zoned").DataType;
        Assert.Equal((TimeUnit.Nanosecond, (string?)null), (ns.Unit, string.IsNullOrEmpty(ns.Timezone) ? null : ns.Timezone));
        Assert.Equal((TimeUnit.Millisecond, "UTC"), (zoned.Unit, zoned.Timezone));
        Assert.Equal(instant, ((TimestampArray)loaded.Column("ns")).GetTimestamp(0));
        Assert.True(loaded.Column("ns").IsNull(1));
        Assert.Equal(instant.AddTicks(-3), ((TimestampArray)loaded.Column("zoned")).GetTimestamp(1));
    }

    [Fact]
    public void Many_repeated_strings_with_missing_values_read_back_unchanged()
    {
        var dataset = new ParquetDataset(_dir.PathOf("repeated.parquet"));
        var rows = Enumerable.Range(0, 5000).Select(i => new TableConverterTests.Paint(i % 3 == 0 ? "red" : "blue", i % 7 == 0 ? null : "t")).ToList();

        dataset.Save(rows);

        Assert.Equal(rows, (List<TableConverterTests.Paint>)dataset.Load(typeof(List<TableConverterTests.Paint>))!);
    }

    [Fact]
    public void Load_args_columns_loads_only_those_columns_in_that_order()
    {
        var dataset = new ParquetDataset(_dir.PathOf("wide.parquet"),
            loadArgs: new Dictionary<string, object?> { ["columns"] = new List<object?> { "name", "i32" } });
        new ParquetDataset(_dir.PathOf("wide.parquet")).Save(Rows.Sample);

        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;

        Assert.Equal(["name", "i32"], frame.Columns.Select(c => c.Name));
        Assert.Equal(int.MinValue, frame.Columns["i32"][0]);
    }

    [Fact]
    public void A_requested_column_that_is_missing_names_it_and_the_columns_found()
    {
        var path = _dir.PathOf("small.parquet");
        new ParquetDataset(path).Save(new[] { new TableConverterTests.Small(1) });
        var dataset = new ParquetDataset(path, loadArgs: new Dictionary<string, object?> { ["columns"] = new[] { "value", "price" } });

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(DataFrame)));

        Assert.Contains("ParquetDataset", error.Message, StringComparison.Ordinal);
        Assert.Contains($"load_args 'columns' asks for column 'price', which '{path}' does not have (columns: 'value').", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snappy", "SNAPPY")]
    [InlineData("gzip", "GZIP")]
    [InlineData("brotli", "BROTLI")]
    [InlineData("zstd", "ZSTD")]
    [InlineData("lz4", "LZ4_RAW")]
    [InlineData("none", "UNCOMPRESSED")]
    [InlineData(null, "UNCOMPRESSED")]
    public async Task Save_args_compression_chooses_the_codec(string? compression, string codec)
    {
        var path = _dir.PathOf($"{compression ?? "null"}.parquet");
        var dataset = new ParquetDataset(path, saveArgs: new Dictionary<string, object?> { ["compression"] = compression });

        dataset.Save(Rows.Sample);

        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            Assert.Equal(codec, reader.Metadata!.RowGroups[0].Columns[0].MetaData!.Codec.ToString().ToUpperInvariant().Replace("LZ4RAW", "LZ4_RAW", StringComparison.Ordinal));
        }

        Assert.Equal(Rows.Sample, (List<Wide>)dataset.Load(typeof(List<Wide>))!);
    }

    [Fact]
    public void Snappy_is_the_default_compression_as_in_pandas()
    {
        Assert.Equal("snappy", new ParquetDataset(_dir.PathOf("d.parquet")).SaveArgs["compression"]);
    }

    [Fact]
    public void An_unknown_compression_or_argument_is_refused_naming_the_choices()
    {
        var compression = Assert.Throws<ArgumentException>(() =>
            new ParquetDataset(_dir.PathOf("x.parquet"), saveArgs: new Dictionary<string, object?> { ["compression"] = "lzo" }));
        var argument = Assert.Throws<ArgumentException>(() =>
            new ParquetDataset(_dir.PathOf("x.parquet"), loadArgs: new Dictionary<string, object?> { ["filters"] = "x > 1" }));
        var columns = Assert.Throws<ArgumentException>(() =>
            new ParquetDataset(_dir.PathOf("x.parquet"), loadArgs: new Dictionary<string, object?> { ["columns"] = "name" }));

        Assert.StartsWith("save_args 'compression' of 'ParquetDataset' must be one of 'snappy', 'gzip', 'brotli', 'zstd', 'lz4', 'none', 'uncompressed' or null, not 'lzo'.",
            compression.Message, StringComparison.Ordinal);
        Assert.StartsWith("'ParquetDataset' does not support load_args 'filters'. Supported load_args: 'columns'.", argument.Message, StringComparison.Ordinal);
        Assert.Equal("load_args 'columns' of 'ParquetDataset' must be a list of column names, not 'name'.", columns.Message);
    }

    [Fact]
    public void A_folder_of_parquet_files_loads_as_one_table_in_file_name_order()
    {
        var folder = _dir.PathOf("parts");
        Directory.CreateDirectory(folder);
        new ParquetDataset(Path.Combine(folder, "part-1.parquet")).Save(new[] { new TableConverterTests.Small(2), new TableConverterTests.Small(3) });
        new ParquetDataset(Path.Combine(folder, "part-0.parquet")).Save(new[] { new TableConverterTests.Small(1) });
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), string.Empty);
        File.WriteAllText(Path.Combine(folder, ".part-0.parquet.crc"), "x");

        var rows = (List<TableConverterTests.Small>)new ParquetDataset(folder).Load(typeof(List<TableConverterTests.Small>))!;

        Assert.Equal([new(1), new(2), new(3)], rows);
    }

    [Fact]
    public void A_folder_whose_files_have_different_columns_is_refused_naming_the_file()
    {
        var folder = _dir.PathOf("mixed");
        Directory.CreateDirectory(folder);
        new ParquetDataset(Path.Combine(folder, "a.parquet")).Save(new[] { new TableConverterTests.Small(1) });
        new ParquetDataset(Path.Combine(folder, "b.parquet")).Save(new[] { new TableConverterTests.Paint("red", null) });

        var error = Assert.Throws<DatasetException>(() => new ParquetDataset(folder).Load(typeof(DataFrame)));

        Assert.Contains($"'{Path.Combine(folder, "b.parquet")}' does not have the columns of '{Path.Combine(folder, "a.parquet")}' "
            + "(columns 'colour' utf8, 'tag' utf8 instead of 'value' uint8)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_is_refused()
    {
        Directory.CreateDirectory(_dir.PathOf("empty"));

        var error = Assert.Throws<DatasetException>(() => new ParquetDataset(_dir.PathOf("empty")).Load(typeof(DataFrame)));

        Assert.Contains("holds no data files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Versioned_saves_load_the_latest_or_a_given_version()
    {
        var path = _dir.PathOf("versioned.parquet");
        new ParquetDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new[] { new TableConverterTests.Small(1) });
        new ParquetDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(new[] { new TableConverterTests.Small(2) });

        var latest = new ParquetDataset(path, version: new DatasetVersion(null, null));
        var first = new ParquetDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null));

        Assert.Equal(2, ((TableConverterTests.Small[])latest.Load(typeof(TableConverterTests.Small[]))!)[0].Value);
        Assert.Equal(1, ((TableConverterTests.Small[])first.Load(typeof(TableConverterTests.Small[]))!)[0].Value);
        Assert.True(File.Exists(_dir.PathOf("versioned.parquet", "2024-01-01T00.00.00.000Z", "versioned.parquet")));
    }

    [Fact]
    public void A_save_that_fails_while_writing_leaves_the_earlier_file_intact()
    {
        var path = _dir.PathOf("kept.parquet");
        var dataset = new ParquetDataset(path);
        dataset.Save(new[] { new TableConverterTests.Small(1) });
        var before = File.ReadAllBytes(path);
        var unwritable = new RecordBatch.Builder().Append("t", true, new Time32Array.Builder().Append(1).Build()).Build();

        var error = Assert.Throws<DatasetException>(() => dataset.Save(unwritable));

        Assert.Contains("column 't' has Arrow type 'time32'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["kept.parquet"], Directory.GetFiles(_dir.PathOf()).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_that_is_not_parquet_fails_naming_the_dataset_and_the_file()
    {
        var path = _dir.PathOf("text.parquet");
        File.WriteAllText(path, "id,name\n1,a\n");

        var error = Assert.Throws<DatasetException>(() => new ParquetDataset(path).Load(typeof(DataFrame)));

        Assert.Contains("ParquetDataset", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{path}' is not a Parquet file, or it is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_whose_type_does_not_fit_a_record_property_names_both()
    {
        var path = _dir.PathOf("paint.parquet");
        new ParquetDataset(path).Save(new[] { new TableConverterTests.Paint("red", "x") });

        var error = Assert.Throws<DatasetException>(() => new ParquetDataset(path).Load(typeof(List<Coloured>)));

        Assert.Contains($"Cannot load '{path}' as 'List<ParquetDatasetTests.Coloured>': column 'colour' holds 'string' values (Arrow 'utf8'), "
            + "which do not fit property type 'int' of 'ParquetDatasetTests.Coloured'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_that_is_not_a_table_is_refused_before_the_file_is_read()
    {
        var error = Assert.Throws<DatasetException>(() => new ParquetDataset(_dir.PathOf("none.parquet")).Load(typeof(int)));

        Assert.Contains("a Parquet file loads as a 'DataTable' (for 'object' too), a 'DataFrame', an Arrow 'RecordBatch' or 'Table'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_something_that_is_not_a_table_is_refused_and_writes_nothing()
    {
        var error = Assert.Throws<DatasetException>(() => new ParquetDataset(_dir.PathOf("n.parquet")).Save(42));

        Assert.Contains("a 'int' is not a table.", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.PathOf()));
    }

    [Fact]
    public void An_empty_table_round_trips_with_its_columns()
    {
        var dataset = new ParquetDataset(_dir.PathOf("empty.parquet"));

        dataset.Save(new List<Wide>());
        var batch = (RecordBatch)dataset.Load(typeof(RecordBatch))!;

        Assert.Equal(0, batch.Length);
        Assert.Equal(22, batch.ColumnCount);
        Assert.Empty((List<Wide>)dataset.Load(typeof(List<Wide>))!);
    }

    [Fact]
    public void Created_from_the_catalog_with_kedros_arguments()
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();
        var path = _dir.PathOf("catalog.parquet");

        var dataset = (ParquetDataset)registry.Create("shuttles", new Dictionary<string, object?>
        {
            ["type"] = "pandas.ParquetDataset",
            ["filepath"] = path,
            ["load_args"] = new Dictionary<string, object?> { ["columns"] = new List<object?> { "value" } },
            ["save_args"] = new Dictionary<string, object?> { ["compression"] = "zstd" },
            ["credentials"] = null,
            ["fs_args"] = new Dictionary<string, object?>(),
            ["metadata"] = new Dictionary<string, object?> { ["owner"] = "data" },
        });
        dataset.Save(new[] { new TableConverterTests.Small(5) });

        Assert.Equal("zstd", dataset.SaveArgs["compression"]);
        Assert.Equal("data", dataset.Metadata!["owner"]);
        Assert.Equal([new TableConverterTests.Small(5)], (TableConverterTests.Small[])dataset.Load(typeof(TableConverterTests.Small[]))!);
    }

    [Fact]
    public async Task Reads_a_file_of_several_row_groups_with_required_and_optional_columns()
    {
        var path = _dir.PathOf("groups.parquet");
        var id = new DataField<long>("id");
        var name = new DataField<string>("name");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, name), stream);
            foreach (var (ids, names) in new[] { (new long[] { 1, 2 }, new string?[] { "a", null }), (new long[] { 3 }, new string?[] { "c" }) })
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<long>(id, ids.AsMemory());
                await group.WriteAsync(name, names);
            }
        }

        var rows = (List<Dictionary<string, object?>>)new ParquetDataset(path).Load(typeof(List<Dictionary<string, object?>>))!;

        Assert.False(id.IsNullable);
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r["id"]));
        Assert.Equal(["a", null, "c"], rows.Select(r => r["name"]));
    }

    [Fact]
    public async Task A_data_frame_from_row_groups_with_nulls_in_different_places_keeps_every_value_and_gap()
    {
        var path = _dir.PathOf("gaps.parquet");
        var number = new DataField<long?>("number");
        var ratio = new DataField<double?>("ratio");
        var flag = new DataField<bool?>("flag");
        var count = new DataField<ulong?>("count");
        var text = new DataField<string>("text");
        var groups = new[]
        {
            (new long?[] { null, 2, null, 4 }, new double?[] { 0.5, null, null, 1.5 }, new bool?[] { true, null, false, true },
                new ulong?[] { ulong.MaxValue, null, 1, null }, new string?[] { null, "", "žluť", null }),
            (new long?[] { 5, 6, 7, 8 }, new double?[] { 2.5, 3.5, 4.5, 5.5 }, new bool?[] { false, false, true, true },
                new ulong?[] { 2, 3, 4, 5 }, new string?[] { "e", "f", "e", "g" }),
            (new long?[] { null, null, 11, null }, new double?[] { null, null, null, 6.5 }, new bool?[] { null, null, null, null },
                new ulong?[] { null, 6, null, 7 }, new string?[] { "i", null, "", "\uD83D\uDE00" }),
        };
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(number, ratio, flag, count, text), stream);
            foreach (var (numbers, ratios, flags, counts, texts) in groups)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<long>(number, numbers.AsMemory());
                await group.WriteAsync<double>(ratio, ratios.AsMemory());
                await group.WriteAsync<bool>(flag, flags.AsMemory());
                await group.WriteAsync<ulong>(count, counts.AsMemory());
                await group.WriteAsync(text, texts);
            }
        }

        var dataset = new ParquetDataset(path);
        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;
        var batch = (RecordBatch)dataset.Load(typeof(RecordBatch))!;

        Assert.Equal(groups.SelectMany(g => g.Item1).Cast<object?>(), ((Int64DataFrameColumn)frame["number"]).Cast<object?>());
        Assert.Equal(groups.SelectMany(g => g.Item2).Cast<object?>(), ((DoubleDataFrameColumn)frame["ratio"]).Cast<object?>());
        Assert.Equal(groups.SelectMany(g => g.Item3).Cast<object?>(), frame["flag"].Cast<object?>());
        Assert.Equal(groups.SelectMany(g => g.Item4).Cast<object?>(), ((UInt64DataFrameColumn)frame["count"]).Cast<object?>());
        var loadedTexts = Assert.IsType<StringDataFrameColumn>(frame["text"]);
        Assert.Equal(groups.SelectMany(g => g.Item5), loadedTexts);
        Assert.Equal(3, loadedTexts.NullCount);
        Assert.Equal(5, frame["number"].NullCount);
        var arrowTexts = (StringArray)batch.Column("text");
        Assert.Equal(groups.SelectMany(g => g.Item5), Enumerable.Range(0, 12).Select(i => arrowTexts.IsNull(i) ? null : arrowTexts.GetString(i)));
        Assert.Equal(groups.SelectMany(g => g.Item3), ((BooleanArray)batch.Column("flag")).ToList());
        Assert.Equal(5, batch.Column("flag").NullCount);
    }

    [Fact]
    public void A_data_frame_saved_with_string_columns_with_nulls_and_empty_values_loads_them_apart()
    {
        var dataset = new ParquetDataset(_dir.PathOf("strings.parquet"));
        var values = Enumerable.Range(0, 3000).Select(i => i % 5 == 0 ? null : i % 5 == 1 ? string.Empty : i % 5 == 2 ? "ä" + i : "city" + (i % 3)).ToArray();
        dataset.Save(new DataFrame(new StringDataFrameColumn("name", values), new Int32DataFrameColumn("n", Enumerable.Range(0, 3000))));

        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;

        Assert.Equal(values, Assert.IsType<StringDataFrameColumn>(frame["name"]));
        Assert.Equal(600, frame["name"].NullCount);
        Assert.Equal(Enumerable.Range(0, 3000).Cast<object?>(), frame["n"].Cast<object?>());
    }

    [Fact]
    public async Task A_larger_file_loads_the_same_synchronously_and_asynchronously()
    {
        const int Rows = 60_000;
        var dataset = new ParquetDataset(_dir.PathOf("large.parquet"));
        var ids = Enumerable.Range(0, Rows).Select(i => (long)i * 3).ToArray();
        var prices = Enumerable.Range(0, Rows).Select(i => i % 11 == 0 ? (double?)null : i / 4.0).ToArray();
        var names = Enumerable.Range(0, Rows).Select(i => i % 13 == 0 ? null : "n" + (i % 100)).ToArray();
        var flags = Enumerable.Range(0, Rows).Select(i => i % 3 == 0).ToArray();
        dataset.Save(new DataFrame(new Int64DataFrameColumn("id", ids), new DoubleDataFrameColumn("price", prices),
            new StringDataFrameColumn("name", names), new BooleanDataFrameColumn("flag", flags)));

        foreach (var frame in new[] { (DataFrame)dataset.Load(typeof(DataFrame))!, (DataFrame)(await dataset.LoadAsync(typeof(DataFrame)))! })
        {
            Assert.Equal(["id", "price", "name", "flag"], frame.Columns.Select(c => c.Name));
            Assert.Equal(ids.Cast<object?>(), frame["id"].Cast<object?>());
            Assert.Equal(prices.Cast<object?>(), frame["price"].Cast<object?>());
            Assert.Equal(names, Assert.IsType<StringDataFrameColumn>(frame["name"]));
            Assert.Equal(flags.Cast<object?>(), frame["flag"].Cast<object?>());
        }
    }

    public sealed record Coloured(int Colour);
}
