using Kedro.IO;

namespace Kedro.Datasets.Tests.Internal;

/// <summary>What lets a record member do without its column: nullability, a constructor default, an initializer, and never <c>required</c>.</summary>
public sealed class RecordBinderTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    /// <summary>A record that counts how often it is built.</summary>
    public sealed class Counted
    {
        private static int BuiltSoFar;

        public Counted() => Interlocked.Increment(ref BuiltSoFar);

        public static int Built => Volatile.Read(ref BuiltSoFar);

        public int Id { get; set; }

        public string Name { get; set; } = "";
    }

    /// <summary>A record whose constructor refuses the default arguments a trial instance would get.</summary>
    public sealed class Picky
    {
        public Picky(string name, int count)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            Name = name;
            Count = count;
        }

        public string Name { get; }

        public int Count { get; }

        public int Level { get; set; }
    }

    /// <summary>A record whose members are marked <c>required</c>, initializer or not.</summary>
    public sealed class WithRequired
    {
        public int Id { get; set; }

        public required int Retries { get; set; } = 3;

        public required string? Note { get; set; }
    }

    [Fact]
    public void Load_WhenEveryColumnIsPresent_BuildsOneRecordPerRowAndNoTrialInstance()
    {
        // The record's constructor is the user's code: with no column missing there is no reason to run it for a probe.
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "id,name\n1,a\n2,b\n");
        var before = Counted.Built;

        var rows = Assert.IsType<List<Counted>>(new CsvDataset(path).Load(typeof(List<Counted>)));

        Assert.Equal(["a", "b"], rows.Select(r => r.Name));
        Assert.Equal(before + 2, Counted.Built);
    }

    [Fact]
    public void Load_WhenTheConstructorThrowsOnDefaultArguments_AMissingColumnIsStillNamed()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "name,count\nx,1\n");

        var error = Assert.Throws<DatasetException>(() => new CsvDataset(path).Load(typeof(List<Picky>)));

        Assert.Contains("needs the column(s) 'Level', which the file does not have (columns: 'name', 'count')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RequiredMembersWithoutTheirColumns_AreMissingEvenWithAnInitializerOrNullable()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "id\n7\n");

        var error = Assert.Throws<DatasetException>(() => new CsvDataset(path).Load(typeof(List<WithRequired>)));

        Assert.Contains("needs the column(s) 'Retries', 'Note', which the file does not have (columns: 'id')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RequiredMembersWithTheirColumns_AreSet()
    {
        var path = _dir.PathOf("r.csv");
        File.WriteAllText(path, "id,retries,note\n7,5,\n");

        var row = Assert.Single(Assert.IsType<List<WithRequired>>(new CsvDataset(path).Load(typeof(List<WithRequired>))));

        Assert.Equal((7, 5, (string?)null), (row.Id, row.Retries, row.Note));
    }
}
