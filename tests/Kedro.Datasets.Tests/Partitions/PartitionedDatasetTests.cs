using System.Collections.Concurrent;
using Kedro.Datasets.Partitions;
using Kedro.IO;
using Kedro.Shared.Files;
using Microsoft.Data.Analysis;
using Microsoft.Extensions.Logging;
using static Kedro.Datasets.Tests.Partitions.PartitionTestKit;

namespace Kedro.Datasets.Tests.Partitions;

public sealed class PartitionedDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-partitions-tests");

    public void Dispose() => _dir.Dispose();

    private string Parts => _dir.PathOf("parts");

    private PartitionedDataset Csv(string suffix = ".csv", IReadOnlyDictionary<string, object?>? loadArgs = null) =>
        new(Parts, "pandas.CSVDataset", filenameSuffix: suffix, loadArgs: loadArgs, registry: Registry());

    private PartitionedDataset Text(string suffix = ".txt", bool overwrite = false, IReadOnlyDictionary<string, object?>? loadArgs = null) =>
        new(Parts, "text.TextDataset", filenameSuffix: suffix, overwrite: overwrite, loadArgs: loadArgs, registry: Registry());

    [Fact]
    public void Load_NestedFolders_ListsEveryFileWithTheSuffixSortedByPathWithIdsRelativeToTheFolder()
    {
        foreach (var file in new[] { "b.csv", "a/2.csv", "a/10.csv", "a.csv", "c.txt", ".hidden.csv", "a/deep/er/x.csv" })
        {
            _dir.Write("parts/" + file, "n\n1\n");
        }

        var loaded = (IReadOnlyDictionary<string, Func<object?>>)Csv().Load()!;

        // "a.csv" before "a/...": '.' sorts before '/', as the full paths sort in Kedro's listing.
        Assert.Equal([".hidden", "a", "a/10", "a/2", "a/deep/er/x", "b"], loaded.Keys);
    }

    [Fact]
    public void Load_WithoutSuffix_IdsAreFileNamesAndEveryFileIsAPartition()
    {
        _dir.Write("parts/x.txt", "1");
        _dir.Write("parts/sub/y", "2");

        var loaded = (IReadOnlyDictionary<string, Func<object?>>)Text(suffix: "").Load()!;

        Assert.Equal(["sub/y", "x.txt"], loaded.Keys);
        Assert.Equal("2", loaded["sub/y"]());
    }

    [Fact]
    public void Load_MaxDepthOne_ListsOnlyTheFolderItself_AndWithDirsAddsFolders()
    {
        _dir.Write("parts/top.txt", "t");
        _dir.Write("parts/sub/inner.txt", "i");
        _dir.Write("parts/sub/deeper/most.txt", "m");

        var top = (IReadOnlyDictionary<string, Func<object?>>)Text(suffix: "", loadArgs: new Dictionary<string, object?> { ["maxdepth"] = 1 }).Load()!;
        var two = (IReadOnlyDictionary<string, Func<object?>>)Text(suffix: "", loadArgs: new Dictionary<string, object?> { ["maxdepth"] = "2" }).Load()!;
        var dirs = (IReadOnlyDictionary<string, Func<object?>>)Text(suffix: "", loadArgs: new Dictionary<string, object?> { ["withdirs"] = true }).Load()!;

        Assert.Equal(["top.txt"], top.Keys);
        Assert.Equal(["sub/inner.txt", "top.txt"], two.Keys);
        Assert.Equal(["sub", "sub/deeper", "sub/deeper/most.txt", "sub/inner.txt", "top.txt"], dirs.Keys);
    }

    [Fact]
    public void Constructor_UnsupportedLoadArgsOrMaxDepthBelowOne_AreRefusedNamingTheKey()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Text(loadArgs: new Dictionary<string, object?> { ["detail"] = true }));
        var zero = Assert.Throws<ArgumentException>(() => Text(loadArgs: new Dictionary<string, object?> { ["maxdepth"] = 0 }));

        Assert.Equal("'PartitionedDataset' does not support load_args 'detail'. Supported load_args: 'maxdepth', 'withdirs'. "
            + "Remove 'detail' from the dataset's load_args.", unknown.Message);
        Assert.Equal("load_args 'maxdepth' of 'PartitionedDataset' must be a whole number of at least 1, not '0'.", zero.Message);
    }

    [Fact]
    public void Load_TypedFunctions_LoadOnlyThePartitionsCalled()
    {
        _dir.Write("parts/2024-01.csv", "id,amount\n1,2.5\n");
        _dir.Write("parts/2024-02.csv", "id,amount\n2,4.0\n3,1.0\n");
        var dataset = Csv();

        var loaded = (IReadOnlyDictionary<string, Func<DataFrame>>)dataset.Load(typeof(IReadOnlyDictionary<string, Func<DataFrame>>))!;
        File.Delete(_dir.PathOf("parts", "2024-01.csv")); // listed, never read unless its function is called

        Assert.Equal(["2024-01", "2024-02"], loaded.Keys);
        Assert.Equal(2, loaded["2024-02"]().Rows.Count);
        var error = Assert.Throws<DatasetException>(() => loaded["2024-01"]());
        Assert.Contains("2024-01.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AsPlainDictionaryOfFunctions_GivesADictionary()
    {
        _dir.Write("parts/a.txt", "alpha");

        var loaded = Text().Load(typeof(Dictionary<string, Func<string>>));

        var dictionary = Assert.IsType<Dictionary<string, Func<string>>>(loaded);
        Assert.Equal("alpha", dictionary["a"]());
    }

    [Fact]
    public async Task LoadAsync_AsyncFunctions_LoadEachPartitionWithoutBlocking()
    {
        _dir.Write("parts/a.txt", "alpha");
        _dir.Write("parts/b.txt", "beta");

        var loaded = (IReadOnlyDictionary<string, Func<CancellationToken, ValueTask<string>>>)(await Text().LoadAsync(
            typeof(IReadOnlyDictionary<string, Func<CancellationToken, ValueTask<string>>>)))!;

        Assert.Equal(["a", "b"], loaded.Keys);
        Assert.Equal("beta", await loaded["b"](CancellationToken.None));
    }

    [Fact]
    public void Load_AsSomethingElse_SaysWhichShapesItLoadsAs()
    {
        _dir.Write("parts/a.txt", "alpha");
        var dataset = Text();

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(IReadOnlyDictionary<string, string>)));

        Assert.Contains("Cannot load", error.Message, StringComparison.Ordinal);
        Assert.Contains("a PartitionedDataset loads as a dictionary of partition id to a function that loads the partition", error.Message, StringComparison.Ordinal);
        Assert.Contains("not 'IReadOnlyDictionary<string, string>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoPartitions_FailsAsKedroDoes()
    {
        _dir.Write("parts/other.json", "{}");

        var error = Assert.Throws<DatasetException>(() => Csv().Load());

        Assert.Equal($"No partitions found in '{Parts}'", error.Message);
        Assert.False(Csv().Exists());
        Assert.True(Text(suffix: ".json").Exists());
    }

    [Fact]
    public void Load_ListingIsKeptUntilReleaseOrSave()
    {
        _dir.Write("parts/a.txt", "1");
        var dataset = Text();
        Assert.Single((IReadOnlyDictionary<string, Func<object?>>)dataset.Load()!);

        _dir.Write("parts/b.txt", "2");
        Assert.Single((IReadOnlyDictionary<string, Func<object?>>)dataset.Load()!);

        dataset.Release();
        Assert.Equal(2, ((IReadOnlyDictionary<string, Func<object?>>)dataset.Load()!).Count);

        dataset.Save(new Dictionary<string, string> { ["c"] = "3" });
        Assert.Equal(["a", "b", "c"], ((IReadOnlyDictionary<string, Func<object?>>)dataset.Load()!).Keys);
    }

    [Fact]
    public void Load_LeavesOutTemporaryFilesOfAtomicWrites()
    {
        _dir.Write("parts/a.txt", "1");
        _dir.Write($"parts/.b.txt.{AtomicFile.Machine}.12345.{Guid.NewGuid():N}.tmp", "half");

        Assert.Equal(["a.txt"], ((IReadOnlyDictionary<string, Func<object?>>)Text(suffix: "").Load()!).Keys);
    }

    [Fact]
    public void Save_Values_WritesEachPartitionAtItsIdWithTheSuffix()
    {
        var dataset = Text();

        dataset.Save(new Dictionary<string, string> { ["b"] = "beta", ["nested/a"] = "alpha" });

        Assert.Equal(["parts/b.txt", "parts/nested/a.txt"], _dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal("alpha", _dir.Read("parts/nested/a.txt"));
    }

    [Fact]
    public void Save_Functions_CallsThemOneAtATimeInIdOrderEachAfterThePreviousPartitionIsWritten()
    {
        var calls = new List<string>();
        var running = 0;
        Func<string> Producer(string id, string? previous) => () =>
        {
            Assert.Equal(1, Interlocked.Increment(ref running));
            Assert.True(previous is null || _dir.Exists($"parts/{previous}.txt"), $"{previous} is written before {id} is produced");
            Assert.False(_dir.Exists($"parts/{id}.txt"));
            calls.Add(id);
            Interlocked.Decrement(ref running);
            return id.ToUpperInvariant();
        };

        Text().Save(new Dictionary<string, Func<string>> { ["c"] = Producer("c", "b"), ["a"] = Producer("a", null), ["b"] = Producer("b", "a") });

        Assert.Equal(["a", "b", "c"], calls);
        Assert.Equal("C", _dir.Read("parts/c.txt"));
    }

    [Fact]
    public async Task Save_AsyncProducers_SavesWhatTheirTasksGive()
    {
        static async Task<string> Later(string text)
        {
            await Task.Yield();
            return text;
        }

        Text().Save(new Dictionary<string, Func<Task<string>>> { ["a"] = () => Later("A") });
        await Text().SaveAsync(new Dictionary<string, object?>
        {
            ["b"] = new Func<ValueTask<string>>(async () => await Later("B")),
            ["c"] = new Func<object?>(() => Later("C")),
        });

        Assert.Equal("A", _dir.Read("parts/a.txt"));
        Assert.Equal("B", _dir.Read("parts/b.txt"));
        Assert.Equal("C", _dir.Read("parts/c.txt"));
    }

    [Fact]
    public void Save_AsyncProducerUnderASingleThreadedContext_DoesNotWaitOnItself()
    {
        var context = new QueueContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            // A producer's continuation posted to a one-thread context whose thread the save blocks would never run; this
            // context counts what is posted to it (and runs it elsewhere, so that the test ends either way).
            Text().Save(new Dictionary<string, Func<Task<string>>> { ["a"] = async () => { await Task.Yield(); return "A"; } });
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.Equal("A", _dir.Read("parts/a.txt"));
        Assert.Equal(0, context.Posted);
    }

    private sealed class QueueContext : SynchronizationContext
    {
        private int _posted;

        public int Posted => Volatile.Read(ref _posted);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posted);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    [Fact]
    public void Save_ProducerOfATaskWithoutResult_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() => Text().Save(new Dictionary<string, Func<Task>> { ["a"] = () => Task.CompletedTask }));

        Assert.Contains("cannot save partition 'a': its function returned a Task or ValueTask without a result", error.ToString(), StringComparison.Ordinal);
        Assert.False(_dir.Exists("parts/a.txt"));
    }

    [Fact]
    public void Load_FolderMissingWithOneLeftoverOfAnInterruptedOverwrite_RestoresIt()
    {
        var leftover = $".parts.{Guid.NewGuid():N}.old";
        _dir.Write(leftover + "/a.txt", "A");
        var logger = new ListLogger();
        var dataset = new PartitionedDataset(Parts, "text.TextDataset", filenameSuffix: ".txt", registry: Registry(), logger: logger);

        var loaded = (IReadOnlyDictionary<string, Func<object?>>)dataset.Load()!;

        Assert.Equal("A", loaded["a"]());
        Assert.False(Directory.Exists(_dir.PathOf(leftover)));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(leftover, StringComparison.Ordinal)
            && e.Message.Contains("moved back", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_FolderMissingWithOneLeftover_RestoresItBeforeWriting()
    {
        _dir.Write($".parts.{Guid.NewGuid():N}.old/a.txt", "A");

        Text().Save(new Dictionary<string, string> { ["b"] = "B" });

        Assert.Equal("A", _dir.Read("parts/a.txt"));
        Assert.Equal("B", _dir.Read("parts/b.txt"));
    }

    [Fact]
    public void Load_FolderMissingWithSeveralLeftovers_NamesThem()
    {
        var first = $".parts.{Guid.NewGuid():N}.old";
        var second = $".parts.{Guid.NewGuid():N}.old";
        _dir.Write(first + "/a.txt", "A");
        _dir.Write(second + "/a.txt", "B");

        var error = Assert.Throws<DatasetException>(() => Text().Load());

        Assert.Contains("several folders that interrupted overwrites left", error.Message, StringComparison.Ordinal);
        Assert.Contains(first, error.Message, StringComparison.Ordinal);
        Assert.Contains(second, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Parts));
    }

    [Fact]
    public async Task SaveAsync_ValuesAndFunctions_WritesEveryPartition_AndACancelledSaveWritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Text().SaveAsync(new Dictionary<string, string> { ["x"] = "1" }, cancelled.Token));
        Assert.Empty(_dir.Files());

        await Text().SaveAsync(new Dictionary<string, object?> { ["a"] = "alpha", ["b"] = new Func<string>(() => "beta") });

        Assert.Equal("alpha", _dir.Read("parts/a.txt"));
        Assert.Equal("beta", _dir.Read("parts/b.txt"));
    }

    [Fact]
    public void Save_WithSaveLazilyOff_SavesTheFunctionItself()
    {
        var saved = new ConcurrentQueue<(string Path, object? Data)>();
        var registry = RecordingDataset.Register(Registry(), new(), saved);
        Func<string> producer = () => throw new InvalidOperationException("not called");

        new PartitionedDataset(Parts, "tests.Recording", saveLazily: false, registry: registry)
            .Save(new Dictionary<string, object?> { ["p"] = producer });

        var (path, data) = Assert.Single(saved);
        Assert.Same(producer, data);
        Assert.Equal(Path.Combine(Parts, "p"), path);
    }

    [Fact]
    public void Save_WithoutOverwrite_KeepsOtherPartitions_WithOverwrite_ReplacesThemAll()
    {
        _dir.Write("parts/old.txt", "old");
        _dir.Write("parts/keep/me.txt", "old");

        Text().Save(new Dictionary<string, string> { ["new"] = "1" });
        Assert.Equal(["keep/me", "new", "old"], ((IReadOnlyDictionary<string, Func<object?>>)Text().Load()!).Keys);

        Text(overwrite: true).Save(new Dictionary<string, string> { ["fresh"] = "2" });
        Assert.Equal(["parts/fresh.txt"], _dir.Files().Select(f => f.Replace('\\', '/')));
    }

    [Fact]
    public void Save_WithOverwrite_WhenAPartitionFails_LeavesTheOldPartitionsAndNoStagingFolder()
    {
        _dir.Write("parts/old.txt", "old");

        var error = Assert.Throws<DatasetException>(() => Text(overwrite: true).Save(new Dictionary<string, object?> { ["a"] = "fine", ["b"] = 42 }));

        Assert.Contains("'string'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["parts/old.txt"], _dir.Files().Select(f => f.Replace('\\', '/')));
        Assert.Equal(["parts"], Directory.GetDirectories(_dir.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("/abs")]
    [InlineData("")]
    [InlineData("a//b")]
    public void Save_IdThatLeavesTheFolder_IsRefusedAndNothingIsWritten(string id)
    {
        var error = Assert.Throws<DatasetException>(() => Text().Save(new Dictionary<string, string> { ["ok"] = "1", [id] = "2" }));

        Assert.Contains($"Partition id '{id}' is not a relative path inside the dataset's folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Save_NotADictionary_IsRefused()
    {
        var error = Assert.Throws<DatasetException>(() => Text().Save("just text"));

        Assert.Contains("a PartitionedDataset saves a dictionary of partition ids (strings) to data, or to functions returning the data, not a 'string'.",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_ArePassedToEachPartitionDataset_UnlessItHasItsOwn()
    {
        _dir.Write("parts/a", "1");
        var created = new ConcurrentQueue<RecordingDataset>();
        var registry = RecordingDataset.Register(Registry(), created, new());
        var credentials = new Dictionary<string, object?> { ["token"] = "secret" };
        var logger = new ListLogger();

        var dataset = new PartitionedDataset(Parts, "tests.Recording", credentials: credentials, registry: registry);
        ((IReadOnlyDictionary<string, Func<object?>>)dataset.Load()!)["a"]();
        var own = new PartitionedDataset(Parts,
            new Dictionary<string, object?> { ["type"] = "tests.Recording", ["credentials"] = new Dictionary<string, object?> { ["token"] = "own" } },
            credentials: credentials, registry: registry, logger: logger);

        Assert.All(created.Take(2), d => Assert.Equal("secret", ((IReadOnlyDictionary<string, object?>)d.Credentials!)["token"]));
        Assert.Equal("own", ((IReadOnlyDictionary<string, object?>)created.Last().Credentials!)["token"]);
        Assert.Contains((LogLevel.Warning, "Top-level credentials will not propagate into the underlying dataset since credentials were "
            + "explicitly defined in the underlying dataset config."), logger.Entries);
        Assert.DoesNotContain("secret", dataset.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("own", own.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FilepathInTheDatasetDefinition_IsOverwrittenWithAWarning()
    {
        _dir.Write("parts/a.txt", "partition");
        var logger = new ListLogger();

        var dataset = new PartitionedDataset(Parts,
            new Dictionary<string, object?> { ["type"] = "text.TextDataset", ["filepath"] = _dir.PathOf("elsewhere.txt") },
            filenameSuffix: ".txt", registry: Registry(), logger: logger);

        Assert.Contains((LogLevel.Warning, "`filepath` key must not be specified in the dataset definition as it will be overwritten by partition path"),
            logger.Entries);
        Assert.Equal("partition", ((IReadOnlyDictionary<string, Func<string>>)dataset.Load(typeof(IReadOnlyDictionary<string, Func<string>>))!)["a"]());
    }

    [Fact]
    public void Constructor_VersionedPartitions_AreRefusedWithKedrosMessage()
    {
        var error = Assert.Throws<DatasetException>(() => new PartitionedDataset(Parts,
            new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["versioned"] = true }, registry: Registry()));

        Assert.Equal("`PartitionedDataset` does not support versioning of the underlying dataset. Please remove `versioned` flag from the dataset definition.",
            error.Message);
    }

    [Fact]
    public void Constructor_FsArgsRemotePathsAndUnknownTypesAreRefused()
    {
        var fsArgs = Assert.Throws<ArgumentException>(() => new PartitionedDataset(Parts, "text.TextDataset",
            fsArgs: new Dictionary<string, object?> { ["auto_mkdir"] = true }, registry: Registry()));
        var remote = Assert.Throws<ArgumentException>(() => new PartitionedDataset("s3://bucket/parts", "text.TextDataset", registry: Registry()));
        var unknown = Assert.Throws<DatasetException>(() => new PartitionedDataset(Parts, "pandas.NoSuchDataset", registry: Registry()));

        Assert.Equal("'PartitionedDataset' does not support fs_args 'auto_mkdir'. Supported fs_args: none. Remove 'auto_mkdir' from the dataset's fs_args.", fsArgs.Message);
        Assert.Contains("reads and writes local files only, but 'filepath' is 's3://bucket/parts'", remote.Message, StringComparison.Ordinal);
        Assert.Contains("pandas.NoSuchDataset", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_GivesPathTypeAndConfigWithoutCredentials()
    {
        var dataset = new PartitionedDataset(Parts,
            new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["load_args"] = new Dictionary<string, object?> { ["sep"] = ";" } },
            credentials: new Dictionary<string, object?> { ["key"] = "secret" }, registry: Registry());

        var description = dataset.Describe();

        Assert.Equal(Parts, description["path"]);
        Assert.Equal("Kedro.Datasets.CsvDataset", description["dataset_type"]);
        Assert.Equal(["load_args"], ((IReadOnlyDictionary<string, object?>)description["dataset_config"]!).Keys);
        Assert.StartsWith("Kedro.Datasets.Partitions.PartitionedDataset(path=", dataset.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_KedroYaml_WithATypeNameOrAMappingAsDataset()
    {
        _dir.Write("parts/x.csv", "id\n1\n2\n");
        var catalog = Catalog($"""
            by_name:
              type: partitions.PartitionedDataset
              path: {Q(Parts)}
              dataset: pandas.CSVDataset
              filename_suffix: .csv
            by_mapping:
              type: kedro_datasets.partitions.PartitionedDataset
              path: {Q(Parts)}
              dataset:
                type: pandas.CSVDataset
                load_args:
                  sep: ','
              filename_suffix: .csv
              load_args:
                maxdepth: 1
              credentials: db
            """, Registry(), new Dictionary<string, object?> { ["db"] = new Dictionary<string, object?> { ["user"] = "u" } });

        var byName = catalog.Load<IReadOnlyDictionary<string, Func<DataFrame>>>("by_name");
        var byMapping = catalog.Load<IReadOnlyDictionary<string, Func<DataFrame>>>("by_mapping");

        Assert.Equal(2, byName["x"]().Rows.Count);
        Assert.Equal(2, byMapping["x"]().Rows.Count);
        Assert.IsType<PartitionedDataset>(catalog["by_name"]);
    }

    [Fact]
    public void Catalog_VersionedPartitionedDataset_IsRefused()
    {
        var error = Assert.ThrowsAny<Exception>(() => Catalog($"""
            parts:
              type: partitions.PartitionedDataset
              path: {Q(Parts)}
              dataset: text.TextDataset
              versioned: true
            """, Registry())["parts"]);

        Assert.Contains("'PartitionedDataset' is not versioned itself: remove 'versioned: true' from its catalog entry.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PartitionedDataset", "partitions.PartitionedDataset", "Kedro.Datasets.Partitions.PartitionedDataset")]
    [InlineData("IncrementalDataset", "partitions.IncrementalDataset", "Kedro.Datasets.Partitions.IncrementalDataset")]
    public void AddKedroDatasets_RegistersBothUnderTheirOwnFullAndKedroNames(string name, string kedroName, string fullName)
    {
        var registry = Registry();

        foreach (var alias in new[] { name, kedroName, fullName, "kedro_datasets." + kedroName })
        {
            Assert.Equal(fullName, registry.GetTypeName(alias));
        }

        Assert.Null(registry.GetUnavailableGuidance(kedroName));
    }
}
